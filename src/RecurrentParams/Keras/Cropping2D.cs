using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Cropping2D</c>: removes rows at the top and bottom and columns at the left and right of an image.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/cropping2d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Cropping2D : KerasLayer
{
    /// <summary>Initializes the layer, as Keras' <c>cropping=((top, bottom), (left, right))</c>.</summary>
    /// <param name="top">Rows removed at the top, 0 or more.</param>
    /// <param name="bottom">Rows removed at the bottom, 0 or more.</param>
    /// <param name="left">Columns removed at the left, 0 or more.</param>
    /// <param name="right">Columns removed at the right, 0 or more.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is negative, or <paramref name="dataFormat"/> is not defined.</exception>
    public Cropping2D(int top = 0, int bottom = 0, int left = 0, int right = 0, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("Cropping2D", name)
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

    /// <summary>Gets the rows removed at the top.</summary>
    /// <value>0 or more.</value>
    public int Top { get; }

    /// <summary>Gets the rows removed at the bottom.</summary>
    /// <value>0 or more.</value>
    public int Bottom { get; }

    /// <summary>Gets the columns removed at the left.</summary>
    /// <value>0 or more.</value>
    public int Left { get; }

    /// <summary>Gets the columns removed at the right.</summary>
    /// <value>0 or more.</value>
    public int Right { get; }

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 2, DataFormat, (axis, d) =>
            axis == 0 ? Spatial.Crop(context, d, Top, Bottom) : Spatial.Crop(context, d, Left, Right)));
}
