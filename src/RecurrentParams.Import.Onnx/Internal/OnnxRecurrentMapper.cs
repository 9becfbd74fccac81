using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// Decides whether an ONNX recurrent node computes what a PyTorch module computes, and if so builds the
/// <see cref="WeightMap"/> from its initializers to the module's tensors (the gate orders and bias split are
/// <see cref="WeightMap"/>'s, <see cref="WeightLayout.Onnx"/> to <see cref="WeightLayout.Torch"/>).
/// </summary>
/// <remarks>
/// The operator semantics are the ONNX specification's (<c>docs/Operators.md</c>, LSTM-14, GRU-14, RNN-14): defaults
/// <c>activations</c> Sigmoid, Tanh, Tanh (LSTM), Sigmoid, Tanh (GRU), Tanh (RNN), one set per direction; GRU
/// <c>linear_before_reset</c> 0. PyTorch's modules are the defaults, and a GRU with <c>linear_before_reset=1</c>.
/// </remarks>
internal static class OnnxRecurrentMapper
{
    public static string ModuleName(OnnxNode node)
    {
        var cleaned = new StringBuilder();
        foreach (char c in node.RowName)
        {
            if (char.IsLetterOrDigit(c))
            {
                cleaned.Append(c);
            }
            else if (cleaned.Length > 0 && cleaned[^1] != '_')
            {
                cleaned.Append('_');
            }
        }

        string name = cleaned.ToString().TrimEnd('_');
        return name.Length == 0 || char.IsDigit(name[0]) ? "node_" + node.Index.ToString(CultureInfo.InvariantCulture) : name;
    }

    public static OnnxRecurrentNode Map(OnnxNode node, string module, IReadOnlyDictionary<string, OnnxTensor> initializers)
    {
        string direction = node.Text("direction", "forward");
        int directions = direction == "bidirectional" ? 2 : 1;
        LayerSpec? spec = Spec(node, directions, initializers, out string? shapeRefusal);
        string? refusal = Refusal(node, direction, directions) ?? shapeRefusal;
        WeightMap? map = refusal is null
            ? WeightMap.ForLayer(spec!, WeightLayout.Onnx, WeightLayout.Torch).Rename(n => n switch { "W" => node.Input(1), "R" => node.Input(2), _ => node.Input(3) }, n => module + "." + n)
            : null;
        return new OnnxRecurrentNode(node.RowName, node.OpType, module, spec, map, refusal);
    }

    private static string? Refusal(OnnxNode node, string direction, int directions)
    {
        if (node.OpType == "LSTM" && node.Input(7).Length > 0)
        {
            return "the node has peepholes (input P, '" + node.Input(7) + "'), which feed the cell state into the gates; PyTorch's nn.LSTM has none, so no module computes the same function";
        }

        if (node.OpType == "LSTM" && node.Int("input_forget", 0) != 0)
        {
            return "input_forget=1 couples the input and forget gates; PyTorch's nn.LSTM keeps them separate";
        }

        if (node.OpType == "GRU" && node.Int("linear_before_reset", 0) == 0)
        {
            return "linear_before_reset=0 (the ONNX default) applies the reset gate before the recurrent matrix product, (r ⊙ h)·R; PyTorch's nn.GRU applies it after, r ⊙ (R·h + Rb), which ONNX writes as linear_before_reset=1, so no nn.GRU computes the same function";
        }

        if (direction is not ("forward" or "bidirectional"))
        {
            return "direction='" + direction + "' runs the sequence backwards only; PyTorch's modules run forwards, or both ways with bidirectional=True";
        }

        if (node.Attribute("clip") is not null)
        {
            return "the node clips its cell inputs (clip); PyTorch's modules do not clip";
        }

        if (node.Attribute("activation_alpha") is not null || node.Attribute("activation_beta") is not null)
        {
            return "the node sets activation_alpha or activation_beta, which PyTorch's modules do not have";
        }

        OnnxAttribute? activations = node.Attribute("activations");
        if (activations is not null)
        {
            string[] defaults = node.OpType switch { "LSTM" => ["Sigmoid", "Tanh", "Tanh"], "GRU" => ["Sigmoid", "Tanh"], _ => ["Tanh"] };
            string[] expected = [.. Enumerable.Repeat(defaults, directions).SelectMany(d => d)];
            string[]? given = activations.Strings;
            if (given is null || !given.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
            {
                return "activations [" + (given is null ? "..." : string.Join(", ", given)) + "] are not the defaults [" + string.Join(", ", expected) + "] that PyTorch's nn." + node.OpType + " computes";
            }
        }

        return null;
    }

    private static LayerSpec? Spec(OnnxNode node, int directions, IReadOnlyDictionary<string, OnnxTensor> initializers, out string? refusal)
    {
        int gates = node.OpType switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
        refusal = null;
        OnnxTensor? w = Weight(node, 1, initializers, ref refusal);
        OnnxTensor? r = Weight(node, 2, initializers, ref refusal);
        OnnxTensor? b = node.Input(3).Length == 0 ? null : Weight(node, 3, initializers, ref refusal);
        if (refusal is not null)
        {
            return null;
        }

        IReadOnlyList<long> wd = w!.Shape.Dimensions;
        IReadOnlyList<long> rd = r!.Shape.Dimensions;
        long hidden = rd.Count == 3 ? rd[2] : 0;
        bool fits = wd.Count == 3 && rd.Count == 3
            && wd[0] == directions && rd[0] == directions
            && hidden is > 0 and <= int.MaxValue / 4 && wd[2] is > 0 and <= int.MaxValue
            && wd[1] == gates * hidden && rd[1] == gates * hidden
            && node.Int("hidden_size", hidden) == hidden
            && (b is null || (b.Shape.Dimensions.Count == 2 && b.Shape.Dimensions[0] == directions && b.Shape.Dimensions[1] == 2 * gates * hidden));
        if (!fits)
        {
            refusal = string.Format(
                CultureInfo.InvariantCulture,
                "W {0}, R {1}{2} are not the shapes an ONNX {3} with hidden_size={4} and {5} direction(s) takes: W [D, {6}·hidden, input], R [D, {6}·hidden, hidden], B [D, {7}·hidden]",
                w.Shape,
                r.Shape,
                b is null ? string.Empty : ", B " + b.Shape,
                node.OpType,
                node.Int("hidden_size", hidden),
                directions,
                gates,
                2 * gates);
            return null;
        }

        int units = (int)hidden;
        int input = (int)wd[2];
        bool bias = b is not null;
        bool bidirectional = directions == 2;
        return node.OpType switch
        {
            "LSTM" => LayerSpec.Torch.Lstm(input, units, 1, bias, bidirectional),
            "GRU" => LayerSpec.Torch.Gru(input, units, 1, bias, bidirectional),
            _ => LayerSpec.Torch.Rnn(input, units, 1, bias, bidirectional),
        };
    }

    private static OnnxTensor? Weight(OnnxNode node, int slot, IReadOnlyDictionary<string, OnnxTensor> initializers, ref string? refusal)
    {
        string name = node.Input(slot);
        string what = RecurrentNode.SlotName(slot) + (name.Length == 0 ? string.Empty : " ('" + name + "')");
        if (refusal is not null)
        {
            return null;
        }

        if (!initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            refusal = what + (name.Length == 0 ? " is missing" : " is not an initializer (a graph input, a Constant or another node's output); only weights stored as initializers are mapped");
            return null;
        }

        if (!OnnxTensorValues.IsRead(tensor.DataType))
        {
            refusal = what + " is a " + OnnxDataType.Name(tensor.DataType) + " initializer; only FLOAT, DOUBLE, FLOAT16 and BFLOAT16 weights are mapped";
            return null;
        }

        return tensor;
    }
}
