using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Tanh()</c>: no parameters, output shape equal to the input's.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Tanh : TorchModule
{
    /// <summary>Initializes the module.</summary>
    public Tanh()
        : base("Tanh")
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context) => Guard.NotNull(context, nameof(context)).Input;
}
