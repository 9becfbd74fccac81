using System;
using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Formulas;

namespace RecurrentParams.Cli;

/// <summary>What <c>count</c> and <c>compare</c> were asked: a cell and its sizes and options, before a convention is chosen.</summary>
/// <param name="Kind">The cell.</param>
/// <param name="Units">Keras <c>units</c>, PyTorch <c>hidden_size</c>.</param>
/// <param name="InputSize">The input features of the first layer.</param>
/// <param name="Layers">Stacked layers: PyTorch's <c>num_layers</c>, or that many Keras layers each feeding the next.</param>
/// <param name="Bidirectional">Keras' <c>Bidirectional</c> wrapper (concat), PyTorch's <c>bidirectional=True</c>.</param>
/// <param name="ProjSize">PyTorch LSTM <c>proj_size</c>; 0 for none.</param>
/// <param name="UseBias">Keras <c>use_bias</c>, PyTorch <c>bias</c>.</param>
/// <param name="ResetAfter">Keras GRU <c>reset_after</c>.</param>
internal sealed record CellRequest(CellKind Kind, int Units, int InputSize, int Layers, bool Bidirectional, int ProjSize, bool UseBias, bool ResetAfter)
{
    /// <summary>Counts the request in one convention.</summary>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <returns>The layers, their counts and the total.</returns>
    /// <exception cref="CliException">The options do not fit the cell or the convention (a usage error, with the library's reason), or the count does not fit in 64 bits (bad input).</exception>
    public CountResult Count(Convention convention)
    {
        try
        {
            return convention == Convention.Torch || Kind.IsCell ? Single(convention) : KerasStack();
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(OptionMessage(e), e);
        }
        catch (OverflowException e)
        {
            throw new CliException("The count does not fit in a 64-bit integer (more than 9,223,372,036,854,775,807 parameters).", e);
        }
    }

    /// <summary>Rewords a library argument error in terms of the command line: the option it comes from, then the library's reason.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>One line.</returns>
    public static string OptionMessage(ArgumentException e)
    {
        // ArgumentException appends " (Parameter 'name')" and ArgumentOutOfRangeException then "Actual value was ...":
        // the option name says the first, the library's message already says the second.
        string message = e.Message;
        int parameter = e.ParamName is null ? -1 : message.IndexOf(" (Parameter '" + e.ParamName + "')", StringComparison.Ordinal);
        if (parameter >= 0)
        {
            message = message[..parameter];
        }

        string? option = e.ParamName switch
        {
            "units" or "hiddenSize" => "--units",
            "inputSize" => "--input",
            "numLayers" => "--layers",
            "bidirectional" => "--bidirectional",
            "projSize" => "--proj-size",
            "useBias" or "bias" => "--no-bias",
            "resetAfter" => "--reset-after",
            "convention" => "--torch",
            _ => null,
        };
        return option is null ? message : option + ": " + message;
    }

    private CountResult Single(Convention convention)
    {
        if (Kind.IsCell && (Layers != 1 || Bidirectional))
        {
            throw CliException.Usage((Bidirectional ? "--bidirectional" : "--layers") + ": " + Kind.Name + " is a single-step cell: one layer, one direction; count " + Kind.Name[..^4] + " for a layer.");
        }

        LayerSpec spec = Spec(convention);
        if (convention == Convention.Torch && Kind.IsCuDnn)
        {
            throw CliException.Usage("--torch: " + Kind.Name + " is a Keras 2 layer; PyTorch's cuDNN-backed module is nn." + Kind.TorchClass + ": count " + Kind.TorchClass.ToLowerInvariant() + " --torch.");
        }

        string className = convention == Convention.Torch ? Kind.TorchClass : Kind.KerasClass;
        string? name = convention == Convention.Keras ? Kind.KerasLayerName : null;
        var layer = new CountedLayer(name, Bidirectional && convention == Convention.Keras ? "Bidirectional" : className, spec, Params.Count(spec), string.Empty);
        return new CountResult(convention, this, [layer], layer.Params);
    }

    /// <summary>Describes the request as one library spec: a PyTorch module, a Keras layer (one of a stack's layers only when <see cref="Layers"/> is 1) or a cell.</summary>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <returns>The spec; the library checks it when it is counted.</returns>
    /// <exception cref="ArgumentException">A size is out of the library's range.</exception>
    public LayerSpec Spec(Convention convention) => new(convention == Convention.Torch ? Kind.TorchType : Kind.Type, Units, InputSize)
    {
        Convention = convention,
        IsCell = Kind.IsCell,
        NumLayers = Layers,
        Bidirectional = Bidirectional,
        ProjSize = ProjSize,
        UseBias = UseBias,
        ResetAfter = ResetAfter,
    };

    private CountResult KerasStack()
    {
        // Keras has no num_layers: a stack is that many layers, each returning sequences to the next, whose input is the
        // previous layer's output (units, or 2·units when Bidirectional concatenates).
        LayerSpec first = KerasSpec(InputSize);
        long firstCount = Params.Count(first);
        if (Layers == 1)
        {
            return new CountResult(Convention.Keras, this, [Layer(0, first, firstCount)], firstCount);
        }

        LayerSpec deeper = KerasSpec(checked((Bidirectional ? 2 : 1) * Units));
        long deeperCount = Params.Count(deeper);
        long total = checked(firstCount + ((Layers - 1) * deeperCount));
        var layers = new List<CountedLayer>(Layers) { Layer(0, first, firstCount) };
        for (int k = 1; k < Layers; k++)
        {
            layers.Add(Layer(k, deeper, deeperCount));
        }

        return new CountResult(Convention.Keras, this, layers, total);
    }

    private LayerSpec KerasSpec(int inputSize) => new(Kind.Type, Units, inputSize)
    {
        Bidirectional = Bidirectional,
        ProjSize = ProjSize,
        UseBias = UseBias,
        ResetAfter = ResetAfter,
    };

    private CountedLayer Layer(int index, LayerSpec spec, long count)
    {
        string baseName = Bidirectional ? "bidirectional" : Kind.KerasLayerName;
        string name = index == 0 ? baseName : baseName + "_" + index.ToString(CultureInfo.InvariantCulture);
        return new CountedLayer(name, Bidirectional ? "Bidirectional" : Kind.KerasClass, spec, count, Layers > 1 ? name + "/" : string.Empty);
    }
}

/// <summary>One counted layer: its Keras name (none for PyTorch), class, spec and count.</summary>
/// <param name="Name">Keras' default layer name (<c>lstm</c>, <c>lstm_1</c>); <see langword="null"/> for a PyTorch module.</param>
/// <param name="ClassName">The framework's class (<c>LSTM</c>, <c>Bidirectional</c>).</param>
/// <param name="Spec">The library spec.</param>
/// <param name="Params">Its parameter count.</param>
/// <param name="PathPrefix">Put before the library's weight paths to tell stacked Keras layers apart (<c>lstm_1/</c>); empty otherwise.</param>
internal sealed record CountedLayer(string? Name, string ClassName, LayerSpec Spec, long Params, string PathPrefix)
{
    /// <summary>Gets the derivation of the count.</summary>
    /// <returns>The library's derivation.</returns>
    public Derivation Explain() => RecurrentParams.Params.Explain(Spec);

    /// <summary>Gets the weight tensors with the framework's names and shapes.</summary>
    /// <returns>The library's weights.</returns>
    public IReadOnlyList<WeightTensor> Weights() => RecurrentParams.Params.Weights(Spec);

    /// <summary>Writes a shape the way its framework prints it: Keras <c>(5, 16)</c>, PyTorch <c>[16, 5]</c>.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The text.</returns>
    public string ShapeText(TensorShape shape) => Spec.Convention == Convention.Torch ? shape.ToListString() : shape.ToString();
}

/// <summary>A count in one convention: its layers and their total.</summary>
/// <param name="Convention">Keras or PyTorch.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Layers">One entry per layer (a PyTorch module with <c>num_layers</c> is one entry).</param>
/// <param name="Total">The sum of the layers' counts.</param>
internal sealed record CountResult(Convention Convention, CellRequest Request, IReadOnlyList<CountedLayer> Layers, long Total);
