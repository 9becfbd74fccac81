using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Flatten(start_dim, end_dim)</c>: merges dimensions <c>start_dim</c> to <c>end_dim</c> into one; no parameters.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Flatten : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="startDim"><c>start_dim</c>: default 1, keeping the batch dimension.</param>
    /// <param name="endDim"><c>end_dim</c>: default -1.</param>
    public Flatten(int startDim = 1, int endDim = -1)
        : base("Flatten")
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>Gets <c>start_dim</c>.</summary>
    /// <value>Default 1.</value>
    public int StartDim { get; }

    /// <summary>Gets <c>end_dim</c>.</summary>
    /// <value>Default -1.</value>
    public int EndDim { get; }

    /// <inheritdoc/>
    /// <value><c>start_dim=1, end_dim=-1</c>.</value>
    public override string ExtraRepr => "start_dim=" + PythonText.Int(StartDim) + ", end_dim=" + PythonText.Int(EndDim);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context) =>
        Guard.NotNull(context, nameof(context)).Input.Flatten(StartDim, EndDim);
}
