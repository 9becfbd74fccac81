using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Bidirectional</c> wrapper: a forward and a backward copy of a recurrent layer, merged.</summary>
/// <remarks>
/// <para>Parameters: twice the wrapped layer in every merge mode; weights live under <c>forward_{inner}</c> and
/// <c>backward_{inner}</c>, where <c>{inner}</c> is the wrapped layer's name. Output width: 2u for
/// <see cref="MergeMode.Concat"/>, u for sum / mul / ave; <see cref="MergeMode.None"/> returns both outputs.
/// With <c>return_state</c> the forward then the backward states follow.</para>
/// <para>Source: Keras 3 <c>keras/src/layers/rnn/bidirectional.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Bidirectional : KerasLayer
{
    /// <summary>Initializes the wrapper.</summary>
    /// <param name="layer">The recurrent layer to run in both directions.</param>
    /// <param name="mergeMode">Keras <c>merge_mode</c>; default <see cref="MergeMode.Concat"/>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mergeMode"/> is not a defined value.</exception>
    public Bidirectional(Recurrent layer, MergeMode mergeMode = MergeMode.Concat, string? name = null)
        : base("Bidirectional", name)
    {
        Layer = Guard.NotNull(layer, nameof(layer));
        if (mergeMode is < MergeMode.Concat or > MergeMode.None)
        {
            Guard.ThrowOutOfRange(nameof(mergeMode), mergeMode, "must be a defined MergeMode");
        }

        MergeMode = mergeMode;
    }

    /// <summary>Gets the wrapped layer.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public Recurrent Layer { get; }

    /// <summary>Gets how the two directions are merged.</summary>
    /// <value>Keras <c>merge_mode</c>.</value>
    public MergeMode MergeMode { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        string inner = context.ClaimName(Layer.Name ?? Layer.NameBase);
        LayerSpec spec = Layer.Spec(context);
        IParameterFormula formula = Layer.Formula(context);
        IReadOnlyList<WeightTensor> one = LayerMath.Inner(Layer, formula.GetWeights(spec));
        WeightTensor[] weights = one.Select(w => w with { Path = "forward_" + inner + "/" + w.Path })
            .Concat(one.Select(w => w with { Path = "backward_" + inner + "/" + w.Path }))
            .ToArray();

        OutputShape input = context.Input;
        long width = MergeMode == MergeMode.Concat ? checked(2L * Layer.Units) : Layer.Units;
        OutputShape merged = Layer.Outputs(input, width).First();
        var outputs = new List<OutputShape> { merged };
        if (MergeMode == MergeMode.None)
        {
            outputs.Add(merged);
        }

        if (Layer.ReturnState)
        {
            outputs.AddRange(Layer.States(input).Concat(Layer.States(input)));
        }

        return new LayerResult(outputs, weights)
        {
            Derivation = formula.Explain(spec with { Bidirectional = true }),
            MacsPerStep = LayerMath.RecurrentMacs(weights),
        };
    }

    /// <inheritdoc/>
    protected override string? SequenceRemedy(string name) =>
        Layer.ReturnSequences ? null : "set returnSequences: true on the layer wrapped by '" + name + "'";
}
