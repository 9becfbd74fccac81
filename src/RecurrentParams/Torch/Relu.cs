using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.ReLU(inplace)</c>: no parameters, output shape equal to the input's.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Relu : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="inplace"><c>inplace</c>.</param>
    public Relu(bool inplace = false)
        : base("ReLU")
    {
        Inplace = inplace;
    }

    /// <summary>Gets <c>inplace</c>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Inplace { get; }

    /// <inheritdoc/>
    /// <value><c>inplace=True</c> when set, otherwise empty.</value>
    public override string ExtraRepr => Inplace ? "inplace=True" : string.Empty;

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context) => Guard.NotNull(context, nameof(context)).Input;
}
