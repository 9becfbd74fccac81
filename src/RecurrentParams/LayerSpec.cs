using System;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>An immutable description of one recurrent layer: cell type, sizes, bias, convention and the convention's options.</summary>
/// <remarks>
/// <para>
/// Build one with a factory (<see cref="Keras.Lstm"/>, <see cref="Torch.Lstm"/>, ...) or with the constructor and object
/// initializer for a custom cell; derive variants with <c>with</c>, e.g. <c>spec with { Bidirectional = true }</c>.
/// Each property validates its own range both in <c>new</c> and in <c>with</c>; rules that relate two properties
/// (a projection only on a PyTorch LSTM, <c>NumLayers</c> only in the PyTorch convention, ...) are checked by the
/// cell's <see cref="Formulas.IParameterFormula"/> when the spec is counted.
/// </para>
/// <para>Instances are immutable and thread-safe; equality is by value.</para>
/// </remarks>
public sealed partial record LayerSpec
{
    private readonly CellType cellType = CellType.SimpleRnn;
    private readonly Convention convention;
    private readonly int units = 1;
    private readonly int inputSize = 1;
    private readonly int numLayers = 1;
    private readonly int projSize;

    /// <summary>Initializes a one-layer, unidirectional Keras-convention spec with bias; set other properties in an object initializer.</summary>
    /// <param name="cellType">The cell type; a formula for it must be registered to count the spec.</param>
    /// <param name="units">Units (PyTorch <c>hidden_size</c>), at least 1.</param>
    /// <param name="inputSize">Input features per time step, at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
    public LayerSpec(CellType cellType, int units, int inputSize)
    {
        CellType = cellType;
        Units = units;
        InputSize = inputSize;
    }

    /// <summary>Gets the cell type, which selects the formula that counts this spec.</summary>
    /// <value>Never <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public CellType CellType
    {
        get => cellType;
        init => cellType = Guard.NotNull(value, "cellType");
    }

    /// <summary>Gets the framework convention the count, weight names and shapes follow.</summary>
    /// <value>Default <see cref="Convention.Keras"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a defined <see cref="RecurrentParams.Convention"/>.</exception>
    public Convention Convention
    {
        get => convention;
        init
        {
            if (value is not Convention.Keras and not Convention.Torch)
            {
                Guard.ThrowOutOfRange("convention", value, "must be Convention.Keras or Convention.Torch");
            }

            convention = value;
        }
    }

    /// <summary>Gets the number of units: Keras <c>units</c>, PyTorch <c>hidden_size</c>.</summary>
    /// <value>At least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int Units
    {
        get => units;
        init
        {
            Guard.Positive(value, "units");
            units = value;
        }
    }

    /// <summary>Gets the number of input features per time step: Keras' last input axis, PyTorch <c>input_size</c>.</summary>
    /// <value>At least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int InputSize
    {
        get => inputSize;
        init
        {
            Guard.Positive(value, "inputSize");
            inputSize = value;
        }
    }

    /// <summary>Gets a value indicating whether the layer has bias vectors: Keras <c>use_bias</c>, PyTorch <c>bias</c>.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseBias { get; init; } = true;

    /// <summary>Gets a value indicating whether a Keras GRU applies the reset gate after the recurrent matrix multiplication (<c>reset_after</c>).</summary>
    /// <value>
    /// Default <see langword="true"/>, the Keras 3 and TF2 default, which stores a bias of shape <c>(2, 3u)</c>;
    /// <see langword="false"/> (Keras 2.3 and older, TF1, TensorFlow.js) stores <c>(3u,)</c>. Only a Keras GRU may set it
    /// to <see langword="false"/>; PyTorch's GRU always resets after.
    /// </value>
    public bool ResetAfter { get; init; } = true;

    /// <summary>Gets the number of stacked layers (PyTorch <c>num_layers</c>).</summary>
    /// <value>Default 1; more than 1 only in the <see cref="Convention.Torch"/> convention.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int NumLayers
    {
        get => numLayers;
        init
        {
            Guard.Positive(value, "numLayers");
            numLayers = value;
        }
    }

    /// <summary>Gets a value indicating whether the layer runs in both directions: Keras' <c>Bidirectional</c> wrapper, PyTorch <c>bidirectional=True</c>.</summary>
    /// <value>Default <see langword="false"/>. Bidirectional doubles the parameters of every layer.</value>
    public bool Bidirectional { get; init; }

    /// <summary>Gets the LSTM projection size (PyTorch <c>proj_size</c>), or 0 for no projection.</summary>
    /// <value>Default 0; a positive value only on a PyTorch LSTM, and then less than <see cref="Units"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int ProjSize
    {
        get => projSize;
        init
        {
            Guard.NotNegative(value, "projSize");
            projSize = value;
        }
    }

    /// <summary>Gets a value indicating whether this is a single-step cell (PyTorch <c>nn.LSTMCell</c>, Keras <c>LSTMCell</c>) rather than a layer over a sequence.</summary>
    /// <value>Default <see langword="false"/>. A cell counts like a one-layer unidirectional layer; its weight names carry no layer suffix.</value>
    public bool IsCell { get; init; }

    /// <summary>Gets the number of directions, 2 when <see cref="Bidirectional"/> is set, else 1.</summary>
    /// <value>1 or 2.</value>
    public int Directions => Bidirectional ? 2 : 1;
}
