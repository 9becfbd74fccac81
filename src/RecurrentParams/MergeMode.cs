namespace RecurrentParams;

/// <summary>How Keras' <c>Bidirectional</c> wrapper combines its forward and backward outputs (<c>merge_mode</c>).</summary>
/// <remarks>The parameters are twice the wrapped layer's in every mode; only the output width changes.</remarks>
public enum MergeMode
{
    /// <summary><c>"concat"</c> (the default): the last dimension doubles.</summary>
    Concat = 0,

    /// <summary><c>"sum"</c>: element-wise sum, same width as one direction.</summary>
    Sum = 1,

    /// <summary><c>"mul"</c>: element-wise product, same width as one direction.</summary>
    Mul = 2,

    /// <summary><c>"ave"</c>: element-wise average, same width as one direction.</summary>
    Ave = 3,

    /// <summary><c>None</c>: no merge; the layer returns the forward and backward outputs as two tensors.</summary>
    None = 4,
}
