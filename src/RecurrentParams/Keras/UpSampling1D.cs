using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>UpSampling1D</c>: repeats every step <c>size</c> times, <c>(batch, steps, features)</c> to <c>(batch, steps·size, features)</c>.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/up_sampling1d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class UpSampling1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="size">Keras <c>size</c>, at least 1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public UpSampling1D(int size = 2, string? name = null)
        : base("UpSampling1D", name)
    {
        Guard.Positive(size, nameof(size));
        Size = size;
    }

    /// <summary>Gets how many times each step is repeated.</summary>
    /// <value>At least 1; default 2.</value>
    public int Size { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 1, DataFormat.ChannelsLast, (_, d) => d is long n ? checked(n * Size) : null));
}
