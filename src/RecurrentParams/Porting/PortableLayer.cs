using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Porting;

/// <summary>What a summary row is, for porting: a recurrent layer (as a spec), a Dense / Linear, an Embedding, or something unmapped.</summary>
internal sealed class PortableLayer
{
    private PortableLayer(PortableKind kind)
    {
        Kind = kind;
    }

    public PortableKind Kind { get; }

    public LayerSpec? Spec { get; private init; }

    public long InputSize { get; private init; }

    public long OutputSize { get; private init; }

    public bool UseBias { get; private init; }

    public string? Reason { get; private init; }

    /// <summary>Reads a row from its class and its weight names and shapes (all the builders and readers give).</summary>
    public static PortableLayer Read(LayerSummary row, Convention convention) =>
        convention == Convention.Keras ? Keras(row) : Torch(row);

    private static PortableLayer Keras(LayerSummary row)
    {
        string framework = "Keras";
        switch (row.ClassName)
        {
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
                return KerasRecurrent(row, new CellType(row.ClassName), row.Weights, bidirectional: false);
            case "Bidirectional":
                // Keras names the wrapped layers forward_<inner name> / backward_<inner name>, where the inner name depends on
                // the session's name counters; the cell's own name (lstm_cell, ...) does not.
                WeightTensor[] forward = row.Weights.Where(w => w.Path.StartsWith("forward_", StringComparison.Ordinal)).ToArray();
                string cell = forward.Select(w => w.Path.Split('/')).Where(p => p.Length == 3).Select(p => p[1]).FirstOrDefault() ?? string.Empty;
                CellType? cellType = cell switch
                {
                    "simple_rnn_cell" => CellType.SimpleRnn,
                    "lstm_cell" => CellType.Lstm,
                    "gru_cell" => CellType.Gru,
                    _ => null,
                };
                return cellType is null
                    ? Unmapped("no PyTorch equivalent is mapped for a Bidirectional wrapper around '" + cell + "' (SimpleRNN, LSTM and GRU are)")
                    : KerasRecurrent(row, cellType, forward, bidirectional: true);
            case "Dense":
                WeightTensor? kernel = Find(row.Weights, "kernel");
                return kernel is null || kernel.Shape.Rank != 2
                    ? Unmapped("expected a Dense kernel of shape (inputs, units)")
                    : new PortableLayer(PortableKind.Dense) { InputSize = kernel.Shape.Dimensions[0], OutputSize = kernel.Shape.Dimensions[1], UseBias = Find(row.Weights, "bias") is not null };
            case "Embedding":
                return Embedding(Find(row.Weights, "embeddings"));
            default:
                return Unmapped(Unsupported(framework, row.ClassName, "SimpleRNN, LSTM, GRU, Bidirectional, Dense and Embedding"));
        }
    }

    private static PortableLayer KerasRecurrent(LayerSummary row, CellType cellType, IReadOnlyList<WeightTensor> weights, bool bidirectional)
    {
        WeightTensor? kernel = Find(weights, "kernel");
        WeightTensor? recurrent = Find(weights, "recurrent_kernel");
        WeightTensor? bias = Find(weights, "bias");
        int gates = GateOrder.Count(cellType);
        if (kernel is null || recurrent is null || kernel.Shape.Rank != 2 || recurrent.Shape.Rank != 2
            || recurrent.Shape.Dimensions[1] != gates * recurrent.Shape.Dimensions[0] || kernel.Shape.Dimensions[1] != recurrent.Shape.Dimensions[1]
            || recurrent.Shape.Dimensions[0] > int.MaxValue || kernel.Shape.Dimensions[0] > int.MaxValue || kernel.Shape.Dimensions[0] < 1 || recurrent.Shape.Dimensions[0] < 1)
        {
            return Unmapped("the weights of '" + row.Name + "' do not have the shapes of a Keras " + cellType.Name + " (kernel (i, " + gates.ToString(CultureInfo.InvariantCulture) + "u), recurrent_kernel (u, " + gates.ToString(CultureInfo.InvariantCulture) + "u))");
        }

        var spec = new LayerSpec(cellType, (int)recurrent.Shape.Dimensions[0], (int)kernel.Shape.Dimensions[0])
        {
            UseBias = bias is not null,
            ResetAfter = cellType != CellType.Gru || bias is null || bias.Shape.Rank == 2,
            Bidirectional = bidirectional,
        };
        return new PortableLayer(PortableKind.Recurrent) { Spec = spec };
    }

    private static PortableLayer Torch(LayerSummary row)
    {
        switch (row.ClassName)
        {
            case "RNN":
            case "LSTM":
            case "GRU":
                return TorchRecurrent(row, row.ClassName == "RNN" ? CellType.SimpleRnn : new CellType(row.ClassName));
            case "Linear":
                WeightTensor? weight = Find(row.Weights, "weight");
                return weight is null || weight.Shape.Rank != 2
                    ? Unmapped("expected a Linear weight of shape (out_features, in_features)")
                    : new PortableLayer(PortableKind.Dense) { InputSize = weight.Shape.Dimensions[1], OutputSize = weight.Shape.Dimensions[0], UseBias = Find(row.Weights, "bias") is not null };
            case "Embedding":
                return Embedding(Find(row.Weights, "weight"));
            default:
                return Unmapped(Unsupported("PyTorch", row.ClassName, "RNN, LSTM, GRU, Linear and Embedding"));
        }
    }

    private static PortableLayer TorchRecurrent(LayerSummary row, CellType cellType)
    {
        WeightTensor? input = Find(row.Weights, "weight_ih_l0");
        WeightTensor? recurrent = Find(row.Weights, "weight_hh_l0");
        WeightTensor? projection = Find(row.Weights, "weight_hr_l0");
        int gates = GateOrder.Count(cellType);
        if (input is null || recurrent is null || input.Shape.Rank != 2 || recurrent.Shape.Rank != 2 || input.Shape.Dimensions[0] % gates != 0
            || input.Shape.Dimensions[0] / gates > int.MaxValue || input.Shape.Dimensions[1] > int.MaxValue || input.Shape.Dimensions[1] < 1 || input.Shape.Dimensions[0] < gates)
        {
            return Unmapped("the weights of '" + row.Name + "' do not have the shapes of nn." + row.ClassName + " (weight_ih_l0 (" + gates.ToString(CultureInfo.InvariantCulture) + "h, i), weight_hh_l0)");
        }

        int layers = 1 + row.Weights.Select(w => LayerIndex(w.Name)).DefaultIfEmpty(0).Max();
        var spec = new LayerSpec(cellType, (int)(input.Shape.Dimensions[0] / gates), (int)input.Shape.Dimensions[1])
        {
            Convention = Convention.Torch,
            NumLayers = layers,
            UseBias = Find(row.Weights, "bias_ih_l0") is not null,
            Bidirectional = row.Weights.Any(w => w.Name.EndsWith("_reverse", StringComparison.Ordinal)),
            ProjSize = projection is { Shape.Rank: 2 } ? (int)Math.Min(int.MaxValue, projection.Shape.Dimensions[0]) : 0,
        };
        return new PortableLayer(PortableKind.Recurrent) { Spec = spec };
    }

    private static PortableLayer Embedding(WeightTensor? table) =>
        table is null || table.Shape.Rank != 2
            ? Unmapped("expected an embedding table of shape (count, dimension)")
            : new PortableLayer(PortableKind.Embedding) { InputSize = table.Shape.Dimensions[0], OutputSize = table.Shape.Dimensions[1] };

    private static int LayerIndex(string name)
    {
        int at = name.LastIndexOf("_l", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        string digits = new(name.Substring(at + 2).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int layer) ? layer : 0;
    }

    private static WeightTensor? Find(IReadOnlyList<WeightTensor> weights, string name) =>
        weights.FirstOrDefault(w => w.Name == name || w.Path == name || w.Path.EndsWith("/" + name, StringComparison.Ordinal));

    private static string Unsupported(string framework, string className, string mapped) =>
        "no mapping for the " + framework + " layer '" + className + "', which has weights (mapped: " + mapped + ")";

    private static PortableLayer Unmapped(string reason) => new(PortableKind.Unmapped) { Reason = reason };
}

/// <summary>The kinds of rows a map knows.</summary>
internal enum PortableKind
{
    Unmapped,
    Recurrent,
    Dense,
    Embedding,
}
