using System;
using System.Linq;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>TimeDistributed</c>: applies a layer to every time step; it has no weights of its own.</summary>
/// <remarks>
/// Input <c>(batch, time, ...)</c>: the wrapped layer sees <c>(batch, ...)</c> and the output is <c>(batch, time, ...inner output)</c>.
/// Parameters are the wrapped layer's. Source: Keras 3 <c>keras/src/layers/rnn/time_distributed.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class TimeDistributed : KerasLayer
{
    /// <summary>Initializes the wrapper.</summary>
    /// <param name="layer">The layer to apply at each time step, e.g. <see cref="Dense"/>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    public TimeDistributed(KerasLayer layer, string? name = null)
        : base("TimeDistributed", name)
    {
        Layer = Guard.NotNull(layer, nameof(layer));
    }

    /// <summary>Gets the wrapped layer.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public KerasLayer Layer { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        string inner = context.ClaimName(Layer.Name ?? Layer.NameBase);
        if (context.Input.Rank < 3)
        {
            context.ExpectRank(3, "a sequence (batch, time, ...)");
        }

        long?[] dims = LayerMath.Dims(context.Input);
        var step = new OutputShape(new[] { dims[0] }.Concat(dims.Skip(2)).ToArray());
        LayerResult result = Layer.Build(context.Inner(new[] { step }, inner));
        long?[] output = LayerMath.Dims(result.Outputs[0]);
        var shape = new OutputShape(new[] { dims[0], dims[1] }.Concat(output.Skip(1)).ToArray());
        return new LayerResult(new[] { shape }, LayerMath.Inner(Layer, result.Weights).Select(w => w with { Path = inner + "/" + w.Path }))
        {
            Derivation = result.Derivation,
            MacsPerStep = result.MacsPerStep,
        };
    }
}
