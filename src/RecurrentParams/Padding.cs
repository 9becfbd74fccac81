namespace RecurrentParams;

/// <summary>Keras' <c>padding</c> of convolution and pooling layers.</summary>
public enum Padding
{
    /// <summary><c>"valid"</c>: no padding; the output is shorter than the input.</summary>
    Valid = 0,

    /// <summary><c>"same"</c>: zero padding so that the output length is the input length divided by the stride, rounded up.</summary>
    Same = 1,
}
