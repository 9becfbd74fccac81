namespace RecurrentParams;

/// <summary>The framework whose parameter layout, names and shapes a count follows.</summary>
/// <remarks>
/// The conventions differ in the number of bias vectors (Keras keeps one per gate block, PyTorch two:
/// <c>bias_ih</c> and <c>bias_hh</c>), in the GRU <c>reset_after</c> option (Keras only), in stacking
/// (<c>num_layers</c>) and in the LSTM projection (<c>proj_size</c>), which only PyTorch has.
/// </remarks>
public enum Convention
{
    /// <summary>Keras (Keras 3, tf.keras, standalone Keras 2) and TensorFlow.js layers.</summary>
    Keras = 0,

    /// <summary>PyTorch <c>torch.nn</c> modules (and TorchSharp, which wraps the same LibTorch modules).</summary>
    Torch = 1,
}
