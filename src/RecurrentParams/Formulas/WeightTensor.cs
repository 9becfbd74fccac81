using System;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>One weight tensor of a layer, named and shaped as the framework names and shapes it.</summary>
/// <remarks>
/// Keras: <c>Name</c> is the variable name (<c>kernel</c>, <c>recurrent_kernel</c>, <c>bias</c>) and <c>Path</c> its path
/// inside the layer (<c>lstm_cell/kernel</c>, <c>forward_lstm/lstm_cell/kernel</c>). PyTorch: both are the name
/// <c>named_parameters()</c> reports (<c>weight_ih_l0</c>, <c>bias_hh_l1_reverse</c>).
/// Instances are immutable and thread-safe; equality is by value.
/// </remarks>
public sealed record WeightTensor
{
    private readonly string name = string.Empty;
    private readonly string path = string.Empty;
    private readonly TensorShape shape = new();
    private readonly ElementType elementType;

    /// <summary>Initializes a weight tensor whose path is its name.</summary>
    /// <param name="name">The framework's variable name, e.g. <c>kernel</c> or <c>weight_ih_l0</c>; not empty.</param>
    /// <param name="shape">The tensor's shape.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public WeightTensor(string name, TensorShape shape)
        : this(name, name, shape)
    {
    }

    /// <summary>Initializes a weight tensor.</summary>
    /// <param name="name">The framework's variable name, e.g. <c>kernel</c> or <c>weight_ih_l0</c>; not empty.</param>
    /// <param name="path">The path inside the layer, e.g. <c>lstm_cell/kernel</c>; not empty.</param>
    /// <param name="shape">The tensor's shape.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="path"/> is empty.</exception>
    public WeightTensor(string name, string path, TensorShape shape)
    {
        Name = name;
        Path = path;
        Shape = shape;
    }

    /// <summary>Gets the framework's variable name.</summary>
    /// <value>Not empty.</value>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public string Name
    {
        get => name;
        init => name = NotEmpty(value, "name");
    }

    /// <summary>Gets the path of the variable inside its layer.</summary>
    /// <value>Not empty; equal to <see cref="Name"/> for PyTorch parameters.</value>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public string Path
    {
        get => path;
        init => path = NotEmpty(value, "path");
    }

    /// <summary>Gets the tensor's shape.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public TensorShape Shape
    {
        get => shape;
        init => shape = Guard.NotNull(value, "shape");
    }

    /// <summary>Gets a value indicating whether the optimizer updates this tensor.</summary>
    /// <value>Default <see langword="true"/>; <see langword="false"/> for state the optimizer does not update (Keras BatchNormalization moving statistics).</value>
    public bool Trainable { get; init; } = true;

    /// <summary>Gets the element type the tensor is stored in, which sets the bytes it takes.</summary>
    /// <value>Default <see cref="RecurrentParams.ElementType.Float32"/>; a PyTorch parameter's dtype after <c>.double()</c>, <c>.half()</c> or <c>.to(torch.bfloat16)</c>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not defined.</exception>
    public ElementType ElementType
    {
        get => elementType;
        init
        {
            ElementTypes.Size(value);
            elementType = value;
        }
    }

    /// <summary>Gets the number of scalar parameters the tensor holds.</summary>
    /// <value>The product of the shape's dimensions.</value>
    public long Count => Shape.ElementCount;

    private static string NotEmpty(string? value, string paramName)
    {
        Guard.NotNull(value, paramName);
        if (value.Length == 0)
        {
            Guard.ThrowArgument(paramName, "'" + paramName + "' must not be empty.");
        }

        return value;
    }
}
