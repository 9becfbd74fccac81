namespace RecurrentParams.Import;

/// <summary>The kind of model file an <see cref="ImportedModel"/> was read from.</summary>
public enum ModelFileFormat
{
    /// <summary>Keras topology JSON: <c>model.to_json()</c> of Keras 3, tf.keras or standalone Keras 2, or TensorFlow.js <c>model.toJSON()</c>.</summary>
    KerasJson = 0,

    /// <summary>A TensorFlow.js layers model's <c>model.json</c>: <c>modelTopology</c> and <c>weightsManifest</c>.</summary>
    TensorFlowJs = 1,

    /// <summary>A Keras 3 <c>.keras</c> archive (zip with <c>config.json</c>).</summary>
    KerasArchive = 2,

    /// <summary>A legacy Keras HDF5 save (<c>.h5</c>) whose root attribute <c>model_config</c> holds the topology JSON.</summary>
    KerasHdf5 = 3,

    /// <summary>An ONNX model (<c>.onnx</c>, protobuf).</summary>
    Onnx = 4,

    /// <summary>A safetensors file: named tensors with dtypes and shapes.</summary>
    Safetensors = 5,

    /// <summary>A PyTorch <c>torch.save</c> zip checkpoint (PyTorch 1.6 and later: <c>archive/data.pkl</c> and <c>archive/data/N</c>), holding a state dict, a checkpoint that wraps one, or a whole pickled module.</summary>
    TorchCheckpoint = 6,

    /// <summary>A TorchScript archive written by <c>torch.jit.save</c> (<c>archive/data.pkl</c>, <c>archive/constants.pkl</c>, <c>archive/code/</c>).</summary>
    TorchScript = 7,

    /// <summary>A PyTorch checkpoint in the legacy format of <c>torch.save</c> before 1.6 (or with <c>_use_new_zipfile_serialization=False</c>): pickles followed by raw storages.</summary>
    TorchLegacyCheckpoint = 8,
}
