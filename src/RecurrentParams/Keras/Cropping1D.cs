using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Cropping1D</c>: removes steps at the start and the end of a sequence, <c>(batch, steps, features)</c> to <c>(batch, steps − start − end, features)</c>.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/cropping1d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Cropping1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="start">The first element of Keras <c>cropping</c>: steps removed at the start, 0 or more.</param>
    /// <param name="end">The second element of Keras <c>cropping</c>: steps removed at the end, 0 or more.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is negative.</exception>
    public Cropping1D(int start = 1, int end = 1, string? name = null)
        : base("Cropping1D", name)
    {
        Guard.NotNegative(start, nameof(start));
        Guard.NotNegative(end, nameof(end));
        Start = start;
        End = end;
    }

    /// <summary>Gets the steps removed at the start.</summary>
    /// <value>0 or more; default 1.</value>
    public int Start { get; }

    /// <summary>Gets the steps removed at the end.</summary>
    /// <value>0 or more; default 1.</value>
    public int End { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 1, DataFormat.ChannelsLast, (_, d) => Spatial.Crop(context, d, Start, End)));
}
