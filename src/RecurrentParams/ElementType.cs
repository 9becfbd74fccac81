using System.Diagnostics.CodeAnalysis;

namespace RecurrentParams;

/// <summary>The element type parameters are stored in, which sets the memory they take.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The frameworks' dtype names (float32, int8) are the vocabulary users look for.")]
public enum ElementType
{
    /// <summary>32-bit float, 4 bytes: the frameworks' default, and what Keras' and torchinfo's byte sizes assume.</summary>
    Float32 = 0,

    /// <summary>16-bit IEEE float, 2 bytes.</summary>
    Float16 = 1,

    /// <summary>16-bit brain float, 2 bytes.</summary>
    BFloat16 = 2,

    /// <summary>8-bit integer (quantized weights), 1 byte.</summary>
    Int8 = 3,

    /// <summary>64-bit float, 8 bytes.</summary>
    Float64 = 4,

    /// <summary>64-bit integer, 8 bytes: PyTorch's token ids (<c>torch.long</c>), for input sizes.</summary>
    Int64 = 5,

    /// <summary>32-bit integer, 4 bytes: Keras' and TensorFlow.js' token ids, for input sizes.</summary>
    Int32 = 6,
}
