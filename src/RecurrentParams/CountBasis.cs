namespace RecurrentParams;

/// <summary>Where the parameter count of a <see cref="LayerSummary"/> comes from, and whether it is exact.</summary>
/// <remarks>
/// Rows built by <see cref="ModelBuilder"/> are always <see cref="Configuration"/>. Readers of model files use the other
/// two for layers the library cannot count from their configuration (a user's own layer, a layer whose input shape is
/// unknown): such a layer never makes a file unreadable.
/// </remarks>
public enum CountBasis
{
    /// <summary>Counted exactly from the layer's configuration and input shape, as the framework counts it.</summary>
    Configuration = 0,

    /// <summary>Counted from the weights the file stores for the layer (a TensorFlow.js weights manifest, the weights of an <c>.h5</c> or <c>.keras</c> file): exact, but the output shape may be unknown.</summary>
    StoredWeights = 1,

    /// <summary>Not counted, or counted only in part: the row's count is a lower bound, and so is the model's total (<see cref="ModelSummary.IsLowerBound"/>).</summary>
    LowerBound = 2,
}
