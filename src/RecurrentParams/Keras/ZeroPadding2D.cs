using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ZeroPadding2D</c>: adds zero rows at the top and bottom and zero columns at the left and right of an image.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/zero_padding2d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class ZeroPadding2D : KerasLayer
{
    /// <summary>Initializes the layer, as Keras' <c>padding=((top, bottom), (left, right))</c>.</summary>
    /// <param name="top">Rows added at the top, 0 or more.</param>
    /// <param name="bottom">Rows added at the bottom, 0 or more.</param>
    /// <param name="left">Columns added at the left, 0 or more.</param>
    /// <param name="right">Columns added at the right, 0 or more.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is negative, or <paramref name="dataFormat"/> is not defined.</exception>
    public ZeroPadding2D(int top = 1, int bottom = 1, int left = 1, int right = 1, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("ZeroPadding2D", name)
    {
        Guard.NotNegative(top, nameof(top));
        Guard.NotNegative(bottom, nameof(bottom));
        Guard.NotNegative(left, nameof(left));
        Guard.NotNegative(right, nameof(right));
        Spatial.CheckDataFormat(dataFormat);
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
        DataFormat = dataFormat;
    }

    /// <summary>Gets the rows added at the top.</summary>
    /// <value>0 or more; default 1.</value>
    public int Top { get; }

    /// <summary>Gets the rows added at the bottom.</summary>
    /// <value>0 or more; default 1.</value>
    public int Bottom { get; }

    /// <summary>Gets the columns added at the left.</summary>
    /// <value>0 or more; default 1.</value>
    public int Left { get; }

    /// <summary>Gets the columns added at the right.</summary>
    /// <value>0 or more; default 1.</value>
    public int Right { get; }

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 2, DataFormat, (axis, d) =>
            axis == 0 ? d + Top + Bottom : d + Left + Right));
}
