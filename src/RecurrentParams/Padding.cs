namespace RecurrentParams;

/// <summary>Keras' <c>padding</c> of convolution and pooling layers.</summary>
public enum Padding
{
    /// <summary><c>"valid"</c>: no padding; the output is shorter than the input.</summary>
    Valid = 0,

    /// <summary><c>"same"</c>: zero padding so that the output length is the input length divided by the stride, rounded up.</summary>
    Same = 1,

    /// <summary><c>"causal"</c> (<c>Conv1D</c> only): zero padding on the left so that no output sees the future; the length is as for <see cref="Same"/>.</summary>
    Causal = 2,
}
