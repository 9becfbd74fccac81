using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ZeroPadding1D</c>: adds zero steps at the start and the end of a sequence.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/zero_padding1d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class ZeroPadding1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="start">The first element of Keras <c>padding</c>: steps added at the start, 0 or more.</param>
    /// <param name="end">The second element of Keras <c>padding</c>: steps added at the end, 0 or more.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is negative, or <paramref name="dataFormat"/> is not defined.</exception>
    public ZeroPadding1D(int start = 1, int end = 1, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("ZeroPadding1D", name)
    {
        Guard.NotNegative(start, nameof(start));
        Guard.NotNegative(end, nameof(end));
        Spatial.CheckDataFormat(dataFormat);
        Start = start;
        End = end;
        DataFormat = dataFormat;
    }

    /// <summary>Gets the steps added at the start.</summary>
    /// <value>0 or more; default 1.</value>
    public int Start { get; }

    /// <summary>Gets the steps added at the end.</summary>
    /// <value>0 or more; default 1.</value>
    public int End { get; }

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 1, DataFormat, (_, d) => d + Start + End));
}
