using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>One tensor a model file stores (a weight, an initializer, a buffer): its name, element type and shape, read from metadata only.</summary>
/// <remarks>Instances are immutable and thread-safe; equality is by value.</remarks>
public sealed class TensorInfo : IEquatable<TensorInfo>
{
    /// <summary>Initializes a tensor description.</summary>
    /// <param name="name">The tensor's name as the file stores it, e.g. <c>lstm.weight_ih_l0</c> or <c>lstm/kernel</c>; may be empty when the file gives none.</param>
    /// <param name="dataType">The element type in the file's own vocabulary: <c>F32</c> (safetensors), <c>float32</c> (TensorFlow.js, HDF5), <c>FLOAT</c> (ONNX).</param>
    /// <param name="shape">The tensor's dimensions.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public TensorInfo(string name, string dataType, TensorShape shape)
    {
        Name = Guard.NotNull(name, nameof(name));
        DataType = Guard.NotNull(dataType, nameof(dataType));
        Shape = Guard.NotNull(shape, nameof(shape));
    }

    /// <summary>Gets the tensor's name as the file stores it.</summary>
    /// <value>Possibly empty.</value>
    public string Name { get; }

    /// <summary>Gets the element type in the file's own vocabulary.</summary>
    /// <value>For example <c>F32</c>, <c>float32</c> or <c>FLOAT</c>.</value>
    public string DataType { get; }

    /// <summary>Gets the tensor's shape.</summary>
    /// <value>Never <see langword="null"/>; rank 0 for a scalar.</value>
    public TensorShape Shape { get; }

    /// <summary>Gets the number of elements.</summary>
    /// <value>The product of the dimensions.</value>
    public long ElementCount => Shape.ElementCount;

    /// <inheritdoc/>
    public bool Equals(TensorInfo? other) =>
        other is not null && Name == other.Name && DataType == other.DataType && Shape.Equals(other.Shape);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorInfo);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(Name) * 31) + Shape.GetHashCode());

    /// <summary>Formats the tensor as <c>lstm.weight_ih_l0 F32 (16, 5)</c>.</summary>
    /// <returns>Name, element type and shape.</returns>
    public override string ToString() => Name + " " + DataType + " " + Shape;
}
