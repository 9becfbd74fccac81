using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)</c> on <c>(N, C)</c> or <c>(N, C, L)</c>.</summary>
/// <remarks>
/// <para>Parameters weight and bias <c>(C,)</c> when <c>affine</c>. The running statistics are buffers
/// (<c>running_mean</c>, <c>running_var</c>, and the int64 scalar <c>num_batches_tracked</c>) when
/// <c>track_running_stats</c>: in the state dict, never counted by PyTorch or torchinfo (Keras'
/// <see cref="Keras.BatchNormalization"/> counts its moving statistics as non-trainable weights). After a recurrent
/// layer, normalize the features with <c>x.Transpose(1, 2)</c> around the call, as in PyTorch.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class BatchNorm1d : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="numFeatures"><c>num_features</c> (C), at least 1.</param>
    /// <param name="eps"><c>eps</c>, greater than 0.</param>
    /// <param name="momentum"><c>momentum</c>, in [0, 1].</param>
    /// <param name="affine"><c>affine</c>: learn weight and bias.</param>
    /// <param name="trackRunningStats"><c>track_running_stats</c>: keep the running statistics as buffers.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numFeatures"/> is less than 1, or <paramref name="eps"/> or <paramref name="momentum"/> is out of range.</exception>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base("BatchNorm1d")
    {
        Guard.Positive(numFeatures, nameof(numFeatures));
        if (!(eps > 0))
        {
            Guard.ThrowOutOfRange(nameof(eps), eps, "must be greater than 0");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            Guard.ThrowOutOfRange(nameof(momentum), momentum, "must be in [0, 1]");
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        if (affine)
        {
            RegisterParameter("weight", new TensorShape(numFeatures));
            RegisterParameter("bias", new TensorShape(numFeatures));
        }

        if (trackRunningStats)
        {
            RegisterBuffer("running_mean", new TensorShape(numFeatures));
            RegisterBuffer("running_var", new TensorShape(numFeatures));
            RegisterBuffer("num_batches_tracked", new TensorShape(), ElementType.Int64);
        }
    }

    /// <summary>Gets <c>num_features</c>.</summary>
    /// <value>At least 1.</value>
    public int NumFeatures { get; }

    /// <summary>Gets <c>eps</c>.</summary>
    /// <value>Default 1e-5.</value>
    public double Eps { get; }

    /// <summary>Gets <c>momentum</c>.</summary>
    /// <value>Default 0.1.</value>
    public double Momentum { get; }

    /// <summary>Gets <c>affine</c>.</summary>
    /// <value>Whether weight and bias are learned.</value>
    public bool Affine { get; }

    /// <summary>Gets <c>track_running_stats</c>.</summary>
    /// <value>Whether the running statistics are buffers.</value>
    public bool TrackRunningStats { get; }

    /// <inheritdoc/>
    /// <value><c>8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True</c>.</value>
    public override string ExtraRepr =>
        PythonText.Int(NumFeatures) + ", eps=" + PythonText.Float(Eps) + ", momentum=" + PythonText.Float(Momentum)
        + ", affine=" + PythonText.Bool(Affine) + ", track_running_stats=" + PythonText.Bool(TrackRunningStats);

    /// <inheritdoc/>
    internal override Derivation? Derivation =>
        LayerMath.FromWeights("BatchNorm1d(" + PythonText.Int(NumFeatures) + ")", Parameters);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        if (input.IsTuple || input.IsPackedSequence || input.Dims.Length is not (2 or 3) || input.Dims[1] != NumFeatures)
        {
            context.Fail("expects (N, " + PythonText.Int(NumFeatures) + ") or (N, " + PythonText.Int(NumFeatures) + ", L) but receives " + input.Describe()
                + "; a (N, L, C) sequence goes through x.Transpose(1, 2) first");
        }

        RecurrentWeights.ExpectElementType(context, input, Parameters);
        return input;
    }
}
