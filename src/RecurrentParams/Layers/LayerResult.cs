using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>What a <see cref="Layer"/> reports for one input: its output shapes, weights, derivation and multiply-accumulates.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class LayerResult
{
    private readonly OutputShape[] outputs;
    private readonly IReadOnlyList<WeightTensor> weights;
    private readonly long macsPerStep;

    /// <summary>Initializes a result.</summary>
    /// <param name="outputs">The output tensors' shapes, the main output first; at least one.</param>
    /// <param name="weights">The layer's weights (trainable and not), in the framework's order.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is empty.</exception>
    public LayerResult(IEnumerable<OutputShape> outputs, IEnumerable<WeightTensor> weights)
    {
        this.outputs = Guard.NotNull(outputs, nameof(outputs)).ToArray();
        // A stacked recurrent module's weights are computed on demand and never null; they are kept, not copied.
        this.weights = Guard.NotNull(weights, nameof(weights)) as WeightSequence ?? (IReadOnlyList<WeightTensor>)weights.ToArray();
        if (this.outputs.Length == 0)
        {
            Guard.ThrowArgument(nameof(outputs), "'outputs' must hold at least one shape.");
        }

        if (this.outputs.Any(o => o is null))
        {
            Guard.ThrowArgument(nameof(outputs), "'outputs' must not contain null.");
        }

        if (this.weights is WeightTensor[] array && array.Any(w => w is null))
        {
            Guard.ThrowArgument(nameof(weights), "'weights' must not contain null.");
        }
    }

    /// <summary>Gets the output shapes, the main output first.</summary>
    /// <value>At least one shape.</value>
    public IReadOnlyList<OutputShape> Outputs => Array.AsReadOnly(outputs);

    /// <summary>Gets the layer's weights.</summary>
    /// <value>Possibly empty.</value>
    public IReadOnlyList<WeightTensor> Weights => weights is WeightTensor[] array ? Array.AsReadOnly(array) : weights;

    /// <summary>Gets how the parameter count adds up.</summary>
    /// <value><see langword="null"/> when the layer gives none (a layer without weights).</value>
    public Derivation? Derivation { get; init; }

    /// <summary>Gets the multiply-accumulate operations of one sample at one time step (see <see cref="LayerSummary.MacsPerStep"/>).</summary>
    /// <value>0 or more; default 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long MacsPerStep
    {
        get => macsPerStep;
        init
        {
            if (value < 0)
            {
                Guard.ThrowOutOfRange("macsPerStep", value, "must be 0 or more");
            }

            macsPerStep = value;
        }
    }
}
