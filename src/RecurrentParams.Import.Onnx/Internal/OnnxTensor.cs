using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>Where a tensor of the graph comes from.</summary>
internal enum OnnxTensorKind
{
    /// <summary>A graph initializer (<c>GraphProto.initializer</c>), stored in the file.</summary>
    Initializer,

    /// <summary>A sparse graph initializer (<c>GraphProto.sparse_initializer</c>), counted by its dense shape.</summary>
    SparseInitializer,

    /// <summary>The tensor of a <c>Constant</c> node, stored in the file.</summary>
    Constant,

    /// <summary>A graph input with a static shape and no initializer: a tensor the runtime feeds.</summary>
    GraphInput,
}

/// <summary>A tensor the graph stores or declares: its name, element type and shape, and, for a small integer tensor, its values.</summary>
internal sealed class OnnxTensor
{
    public OnnxTensor(string name, int dataType, TensorShape shape, OnnxTensorKind kind, long[]? values)
    {
        Name = name;
        DataType = dataType;
        Shape = shape;
        Kind = kind;
        Values = values;
        Info = new TensorInfo(name, OnnxDataType.Name(dataType), shape);
    }

    /// <summary>Gets the value name the graph refers to it by (for a <c>Constant</c>, the node's output).</summary>
    public string Name { get; }

    public int DataType { get; }

    public TensorShape Shape { get; }

    public OnnxTensorKind Kind { get; }

    /// <summary>Gets the values of a small INT32 / INT64 tensor (a shape, axes, starts...), or <see langword="null"/>.</summary>
    public long[]? Values { get; }

    public TensorInfo Info { get; }

    /// <summary>Gets or sets the values of a floating-point initializer as 32-bit floats, when the reader was asked for them.</summary>
    public float[]? FloatValues { get; set; }

    /// <summary>Gets a value indicating whether the tensor's type makes it a parameter (see <see cref="OnnxDataType"/>).</summary>
    public bool HasParameterType => OnnxDataType.IsParameter(DataType);
}
