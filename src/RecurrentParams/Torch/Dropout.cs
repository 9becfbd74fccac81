using System;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Dropout(p, inplace)</c>: no parameters, output shape equal to the input's.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Dropout : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="p"><c>p</c>: the probability of zeroing an element, in [0, 1].</param>
    /// <param name="inplace"><c>inplace</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Dropout(double p = 0.5, bool inplace = false)
        : base("Dropout")
    {
        if (!(p >= 0 && p <= 1))
        {
            Guard.ThrowOutOfRange(nameof(p), p, "must be in [0, 1]");
        }

        P = p;
        Inplace = inplace;
    }

    /// <summary>Gets <c>p</c>.</summary>
    /// <value>In [0, 1].</value>
    public double P { get; }

    /// <summary>Gets <c>inplace</c>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Inplace { get; }

    /// <inheritdoc/>
    /// <value><c>p=0.5, inplace=False</c>.</value>
    public override string ExtraRepr => "p=" + PythonText.Float(P) + ", inplace=" + PythonText.Bool(Inplace);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context) => Guard.NotNull(context, nameof(context)).Input;
}
