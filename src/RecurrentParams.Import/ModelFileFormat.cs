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
}
