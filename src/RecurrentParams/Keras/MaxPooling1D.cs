using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>MaxPooling1D</c>: the maximum over windows of time, <c>(batch, time, channels)</c> to <c>(batch, time', channels)</c>.</summary>
/// <remarks>No weights. time' as for <see cref="Conv1D"/> with the pool as kernel; strides default to the pool size. Instances are immutable and thread-safe.</remarks>
public sealed class MaxPooling1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1, or <see langword="null"/> for <paramref name="poolSize"/>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public MaxPooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null)
        : base("MaxPooling1D", name)
    {
        Guard.Positive(poolSize, nameof(poolSize));
        Guard.Positive(strides ?? poolSize, nameof(strides));
        ConvLstm2D.RejectCausal(padding);
        PoolSize = poolSize;
        Strides = strides ?? poolSize;
        Padding = padding;
    }

    /// <summary>Gets the window length.</summary>
    /// <value>At least 1.</value>
    public int PoolSize { get; }

    /// <summary>Gets the stride.</summary>
    /// <value>At least 1.</value>
    public int Strides { get; }

    /// <summary>Gets the padding.</summary>
    /// <value>Valid or same.</value>
    public Padding Padding { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(3, "a sequence (batch, time, channels)");
        long? time = LayerMath.TimeWindow(context, PoolSize, Strides, Padding, "pools {0} steps but receives {1} time steps; use padding Same or a smaller pool");
        return new LayerResult(new[] { new OutputShape(context.Input[0], time, context.Input[2]) }, Array.Empty<WeightTensor>());
    }
}
