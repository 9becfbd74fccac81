namespace RecurrentParams.Porting;

/// <summary>How a framework stores a layer's weights: names, shapes, gate order and biases.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Keras"/>: <c>kernel (i, G·u)</c>, <c>recurrent_kernel (u, G·u)</c>, one <c>bias (G·u,)</c> (a GRU with
/// <c>reset_after</c>: <c>(2, G·u)</c>, input then recurrent); LSTM gates <c>i, f, c, o</c>, GRU <c>z, r, h</c>. TensorFlow.js
/// stores the same tensors.</item>
/// <item><see cref="Torch"/>: <c>weight_ih_l{k} (G·u, i)</c>, <c>weight_hh_l{k} (G·u, u)</c>, <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c>, <c>_reverse</c> for the backward direction; LSTM gates <c>i, f, g, o</c>, GRU <c>r, z, n</c>.</item>
/// <item><see cref="Onnx"/>: one node per layer with <c>W [D, G·u, i]</c>, <c>R [D, G·u, u]</c>, <c>B [D, 2·G·u]</c>
/// (input biases then recurrent biases); LSTM gates <c>i, o, f, c</c>, GRU <c>z, r, h</c>.</item>
/// </list>
/// </remarks>
public enum WeightLayout
{
    /// <summary>Keras (Keras 3, tf.keras, Keras 2) and TensorFlow.js.</summary>
    Keras = 0,

    /// <summary>PyTorch <c>torch.nn</c> state dicts.</summary>
    Torch = 1,

    /// <summary>ONNX <c>RNN</c>, <c>LSTM</c> and <c>GRU</c> operator inputs.</summary>
    Onnx = 2,
}
