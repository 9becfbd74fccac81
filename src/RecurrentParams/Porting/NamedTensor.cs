using System;
using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Porting;

/// <summary>A weight tensor with its values: a name as its framework spells it, a shape and row-major 32-bit floats.</summary>
/// <remarks>Instances are immutable and thread-safe: the constructor copies the values.</remarks>
public sealed class NamedTensor
{
    private readonly float[] values;

    /// <summary>Initializes a tensor, copying its values.</summary>
    /// <param name="name">The tensor's name, e.g. <c>lstm.weight_ih_l0</c> or <c>lstm/lstm_cell/kernel</c>; not empty.</param>
    /// <param name="shape">The tensor's shape.</param>
    /// <param name="values">The values in row-major (C) order; exactly <c>shape.ElementCount</c> of them.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="values"/> does not hold as many values as <paramref name="shape"/> has elements.</exception>
    public NamedTensor(string name, TensorShape shape, float[] values)
        : this(Guard.NotEmpty(name, nameof(name)), Guard.NotNull(shape, nameof(shape)), (float[])Guard.NotNull(values, nameof(values)).Clone(), copied: true)
    {
    }

    private NamedTensor(string name, TensorShape shape, float[] values, bool copied)
    {
        _ = copied;
        if (values.LongLength != shape.ElementCount)
        {
            Guard.ThrowArgument(
                nameof(values),
                string.Format(CultureInfo.InvariantCulture, "'values' must hold the {0} elements of shape {1}; got {2}.", shape.ElementCount, shape, values.LongLength));
        }

        Name = name;
        Shape = shape;
        this.values = values;
    }

    /// <summary>Gets the tensor's name.</summary>
    /// <value>Not empty.</value>
    public string Name { get; }

    /// <summary>Gets the tensor's shape.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public TensorShape Shape { get; }

    /// <summary>Gets the values in row-major order.</summary>
    /// <value><c>Shape.ElementCount</c> values.</value>
    public ReadOnlyMemory<float> Values => values;

    /// <summary>Returns the tensor's name and shape, e.g. <c>lstm.weight_ih_l0 (16, 5)</c>.</summary>
    /// <returns>The name and shape.</returns>
    public override string ToString() => Name + " " + Shape;

    /// <summary>Wraps an array the caller gives up, without copying it.</summary>
    internal static NamedTensor Own(string name, TensorShape shape, float[] values) => new(name, shape, values, copied: false);

    /// <summary>Gets the backing array; callers must not change it.</summary>
    internal float[] Array => values;
}
