using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>Recovers PyTorch recurrent modules — <c>nn.LSTM</c>, <c>nn.GRU</c>, <c>nn.RNN</c> and their cells — from the names and shapes of stored tensors (a state dict in safetensors, ONNX initializers).</summary>
/// <remarks>
/// <para>Tensors named <c>{prefix}weight_ih_l{k}[_reverse]</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c> and <c>weight_hr_l{k}</c> form one module per prefix (cells: the same names without
/// <c>_l{k}</c>). With H the hidden size, <c>weight_ih_l0</c> is <c>(G·H, input_size)</c> and <c>weight_hh_l0</c>
/// <c>(G·H, H)</c>, or <c>(G·H, proj_size)</c> with <c>weight_hr_l0</c> <c>(proj_size, H)</c>; the gate multiple G
/// — 4 for LSTM, 3 for GRU, 1 for RNN — is read from them, so the shapes decide (a GRU under the name <c>lstm</c> is a GRU).
/// When <c>weight_hh</c> is missing, G·H alone does not decide: a module name containing <c>lstm</c> or <c>gru</c>
/// resolves it; otherwise the module is reported as ambiguous with the candidates. Number of layers, direction, bias
/// and projection follow from which tensors exist; every tensor is then checked against the shapes PyTorch gives the
/// recovered module, and a mismatch makes the module ambiguous rather than wrongly recovered.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static partial class TorchArchitecture
{
    private static readonly int[] GateMultiples = [4, 3, 1];

    private static readonly string[] Kinds = ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"];

    /// <summary>Recovers the recurrent modules among the given tensors.</summary>
    /// <param name="tensors">Stored tensors with PyTorch state-dict names; tensors of other modules are ignored.</param>
    /// <returns>One entry per module prefix, in the order the modules' first tensors appear; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    /// <remarks>
    /// The work is proportional to the tensors given, never to a number in a name: the layers of a module are the indices
    /// its names carry, and indices that are not 0 to N-1 without a gap (<c>weight_ih_l0</c> and <c>weight_ih_l999999</c>)
    /// make the module ambiguous, with the indices found, instead of a 1,000,000-layer module.
    /// </remarks>
    public static IReadOnlyList<RecoveredModule> Recover(IEnumerable<TensorInfo> tensors)
    {
        Guard.NotNull(tensors, nameof(tensors));
        var groups = new Dictionary<(string Prefix, bool Layered), Group>();
        var order = new List<Group>();
        foreach (TensorInfo tensor in tensors)
        {
            Guard.NotNull(tensor, nameof(tensors));
            if (!TryParse(tensor.Name, out string prefix, out string kind, out long? layer, out bool reverse))
            {
                continue;
            }

            bool layered = layer is not null;
            var key = (prefix, layered);
            if (!groups.TryGetValue(key, out Group? group))
            {
                group = new Group(prefix.TrimEnd('.'), layered);
                groups.Add(key, group);
                order.Add(group);
            }

            group.Add(kind, layer ?? 0, reverse, tensor);
        }

        return order.Select(g => g.Recover()).ToList().AsReadOnly();
    }

    /// <summary>
    /// Takes <c>{prefix}{kind}[_l{k}][_reverse]</c> apart; <paramref name="layer"/> is <see langword="null"/> for a cell's
    /// names, and an index too long for a <see cref="long"/> reads as <see cref="long.MaxValue"/> (a gap, so ambiguous).
    /// </summary>
    private static bool TryParse(string name, out string prefix, out string kind, out long? layer, out bool reverse)
    {
        int dot = name.LastIndexOf('.');
        prefix = name.Substring(0, dot + 1);
        string local = name.Substring(dot + 1);
        kind = Kinds.FirstOrDefault(k => local.StartsWith(k, StringComparison.Ordinal)) ?? string.Empty;
        layer = null;
        reverse = false;
        if (kind.Length == 0)
        {
            return false;
        }

        string rest = local.Substring(kind.Length);
        if (rest.Length == 0)
        {
            return true; // A cell: weight_ih, bias_hh, ...
        }

        if (!rest.StartsWith("_l", StringComparison.Ordinal))
        {
            return false; // "weight_ih_reverse" without a layer is no PyTorch name either.
        }

        int end = 2;
        while (end < rest.Length && rest[end] is >= '0' and <= '9')
        {
            end++;
        }

        string suffix = rest.Substring(end);
        if (end == 2 || (suffix.Length > 0 && suffix != "_reverse"))
        {
            return false;
        }

        string digits = rest.Substring(2, end - 2);
        layer = digits.Length <= 18 ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : long.MaxValue;
        reverse = suffix.Length > 0;
        return true;
    }

    /// <summary>The tensors of one module prefix, by (kind, layer, reverse).</summary>
    private sealed class Group
    {
        private readonly Dictionary<string, TensorInfo> byLocalName = new(StringComparer.Ordinal);
        private readonly List<TensorInfo> tensors = [];
        private readonly SortedSet<long> layers = [];

        public Group(string prefix, bool layered)
        {
            Prefix = prefix;
            Layered = layered;
        }

        public string Prefix { get; }

        public bool Layered { get; }

        private bool AnyReverse { get; set; }

        public void Add(string kind, long layer, bool reverse, TensorInfo tensor)
        {
            string local = Local(kind, layer, reverse);
            if (byLocalName.ContainsKey(local))
            {
                return; // A duplicate name: the first one stands.
            }

            byLocalName.Add(local, tensor);
            tensors.Add(tensor);
            layers.Add(layer);
            AnyReverse |= reverse;
        }

        public RecoveredModule Recover()
        {
            TensorInfo? ih = Get("weight_ih", 0);
            TensorInfo? hh = Get("weight_hh", 0);
            TensorInfo? hr = Get("weight_hr", 0);
            if (ih is null || ih.Shape.Rank != 2)
            {
                return Ambiguous("Recurrent", "weight_ih" + Suffix(0) + " is missing or not 2-D, so the input size is unknown");
            }

            long gh = ih.Shape.Dimensions[0];
            long inputSize = ih.Shape.Dimensions[1];
            long hidden;
            long proj = 0;
            int gates;
            if (hr is not null)
            {
                if (hr.Shape.Rank != 2)
                {
                    return Ambiguous("Recurrent", "weight_hr" + Suffix(0) + " is not 2-D");
                }

                proj = hr.Shape.Dimensions[0];
                hidden = hr.Shape.Dimensions[1];
                gates = 4;
                if (hidden == 0 || gh != checked(4 * hidden))
                {
                    return Ambiguous("LSTM", string.Format(CultureInfo.InvariantCulture, "weight_hr{0} says hidden size {1}, but weight_ih{0} has {2} rows, not 4 × {1}", Suffix(0), hidden, gh));
                }
            }
            else if (hh is not null && hh.Shape.Rank == 2 && hh.Shape.Dimensions[1] > 0 && hh.Shape.Dimensions[0] == gh)
            {
                hidden = hh.Shape.Dimensions[1];
                if (gh % hidden != 0 || (gh / hidden) is not (1 or 3 or 4))
                {
                    return Ambiguous("Recurrent", string.Format(CultureInfo.InvariantCulture, "weight_hh{0} is ({1}, {2}): {1} rows are not 1, 3 or 4 times the hidden size {2}", Suffix(0), gh, hidden));
                }

                gates = (int)(gh / hidden);
            }
            else if (hh is not null)
            {
                return Ambiguous("Recurrent", "weight_hh" + Suffix(0) + " has shape " + hh.Shape + ", which does not fit weight_ih" + Suffix(0) + " " + ih.Shape);
            }
            else
            {
                // No weight_hh: G·H alone. The module's name decides, or the candidates are reported.
                int[] candidates = GateMultiples.Where(g => gh > 0 && gh % g == 0).ToArray();
                string name = (Prefix.Length == 0 ? string.Empty : Prefix.Substring(Prefix.LastIndexOf('.') + 1)).ToLowerInvariant();
                int hint = name.Contains("lstm") ? 4 : name.Contains("gru") ? 3 : 0;
                if (hint != 0 && candidates.Contains(hint))
                {
                    gates = hint;
                }
                else if (candidates.Length == 1)
                {
                    gates = candidates[0];
                }
                else
                {
                    string options = string.Join(", ", candidates.Select(g => string.Format(CultureInfo.InvariantCulture, "{0} with hidden size {1}", ClassName(g), gh / g)));
                    return Ambiguous("Recurrent", string.Format(CultureInfo.InvariantCulture, "weight_hh{0} is missing and weight_ih{0} has {1} rows, which fits {2}; the module name '{3}' does not say which", Suffix(0), gh, options, Prefix));
                }

                hidden = gh / gates;
            }

            // The layers are the indices the names carry: a stack of N layers names them 0 to N-1. An index past that (a gap,
            // or weight_ih_l999999 beside weight_ih_l0) is not a guess to make: the module is ambiguous, whatever the index.
            if (layers.Max >= layers.Count)
            {
                return Ambiguous(ClassName(gates), string.Format(
                    CultureInfo.InvariantCulture,
                    "the names carry layer indices {0}{1}, which are not 0 to {2} without a gap; a stack of {3} layers names them l0 to l{2}",
                    string.Join(", ", layers.Take(4).Select(l => "l" + l.ToString(CultureInfo.InvariantCulture))),
                    layers.Count > 4 ? ", ..., l" + layers.Max.ToString(CultureInfo.InvariantCulture) : string.Empty,
                    layers.Count - 1,
                    layers.Count));
            }

            int depth = layers.Count;
            bool bias = Get("bias_ih", 0) is not null || Get("bias_hh", 0) is not null;
            if (!Layered && (hr is not null))
            {
                return Ambiguous("Recurrent", "a cell has no projection (weight_hr)");
            }

            LayerSpec spec;
            try
            {
                int input = checked((int)inputSize);
                int h = checked((int)hidden);
                spec = Layered
                    ? gates switch
                    {
                        4 => LayerSpec.Torch.Lstm(input, h, depth, bias, AnyReverse, checked((int)proj)),
                        3 => LayerSpec.Torch.Gru(input, h, depth, bias, AnyReverse),
                        _ => LayerSpec.Torch.Rnn(input, h, depth, bias, AnyReverse),
                    }
                    : gates switch
                    {
                        4 => LayerSpec.Torch.LstmCell(input, h, bias),
                        3 => LayerSpec.Torch.GruCell(input, h, bias),
                        _ => LayerSpec.Torch.RnnCell(input, h, bias),
                    };
            }
            catch (Exception e) when (e is ArgumentException or OverflowException)
            {
                return Ambiguous(ClassName(gates), "the sizes read from the shapes are not a valid module: " + e.Message);
            }

            return Check(spec, ClassName(gates));
        }

        /// <summary>Every stored tensor must have the shape PyTorch gives the recovered module; missing ones are listed.</summary>
        private RecoveredModule Check(LayerSpec spec, string className)
        {
            IReadOnlyList<WeightTensor> expected;
            try
            {
                expected = Params.Weights(spec);
            }
            catch (Exception e) when (e is ArgumentException or OverflowException)
            {
                return Ambiguous(className, "the sizes read from the shapes are not a valid module: " + e.Message);
            }

            var expectedByName = expected.ToDictionary(w => w.Name, StringComparer.Ordinal);
            foreach (KeyValuePair<string, TensorInfo> stored in byLocalName)
            {
                if (!expectedByName.TryGetValue(stored.Key, out WeightTensor? weight))
                {
                    return Ambiguous(className, "the tensor '" + stored.Value.Name + "' does not belong to " + Subject(spec));
                }

                if (!weight.Shape.Equals(stored.Value.Shape))
                {
                    return Ambiguous(className, "'" + stored.Value.Name + "' has shape " + stored.Value.Shape + " but " + Subject(spec) + " has " + weight.Shape);
                }
            }

            string[] missing = expected.Where(w => !byLocalName.ContainsKey(w.Name)).Select(w => Prefix.Length == 0 ? w.Name : Prefix + "." + w.Name).ToArray();
            return new RecoveredModule(Prefix, className, spec, tensors, missing, null);
        }

        private static string Subject(LayerSpec spec) => Params.Explain(spec).Subject;

        private string ClassName(int gates) => (gates == 4 ? "LSTM" : gates == 3 ? "GRU" : "RNN") + (Layered ? string.Empty : "Cell");

        private RecoveredModule Ambiguous(string className, string reason) =>
            new(Prefix, className, null, tensors, Array.Empty<string>(), reason);

        private string Suffix(long layer) => Layered ? "_l" + layer.ToString(CultureInfo.InvariantCulture) : string.Empty;

        private string Local(string kind, long layer, bool reverse) => kind + Suffix(layer) + (reverse ? "_reverse" : string.Empty);

        private TensorInfo? Get(string kind, int layer) => byLocalName.TryGetValue(Local(kind, layer, false), out TensorInfo? t) ? t : null;
    }
}
