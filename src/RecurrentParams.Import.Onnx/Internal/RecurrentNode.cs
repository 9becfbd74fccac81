using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// A recurrent node (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>) with its weights resolved wherever they come from: W
/// <c>(directions, G·hidden, input)</c>, R <c>(directions, G·hidden, hidden)</c>, B <c>(directions, 2·G·hidden)</c> and,
/// for an LSTM, the peepholes P <c>(directions, 3·hidden)</c>, with G = 4, 3, 1.
/// </summary>
/// <remarks>
/// The node's count is that of the stored (or fed) tensors W, R, B and P are made of, each counted once in the whole
/// model; when the resolved shapes are those of one PyTorch layer and the counts agree, the row carries its derivation.
/// What could not be resolved, or was counted from a graph input's declared shape, is said in the row's note.
/// </remarks>
internal sealed class RecurrentNode
{
    private static readonly string[] SlotNames = ["X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"];

    private readonly List<Slot> slots;
    private readonly List<string> notes;

    private RecurrentNode(OnnxNode node, int gates, int directions, long? hidden, List<Slot> slots, List<string> notes)
    {
        Node = node;
        Gates = gates;
        Directions = directions;
        Hidden = hidden;
        this.slots = slots;
        this.notes = notes;
    }

    public OnnxNode Node { get; }

    /// <summary>Gets the gate multiple G: 4 for LSTM, 3 for GRU, 1 for RNN.</summary>
    public int Gates { get; }

    public int Directions { get; }

    public long? Hidden { get; }

    /// <summary>Gets the parameter tensors W, R, B and P are made of, found first by this node.</summary>
    public IEnumerable<OnnxTensor> Tensors => slots.SelectMany(s => s.Tensors);

    public static bool IsRecurrent(OnnxNode node) => node.IsDefaultDomain && node.OpType is "LSTM" or "GRU" or "RNN";

    /// <summary>Whether an input position holds weights (W, R, B, and an LSTM's P) rather than data or state.</summary>
    public static bool IsWeightSlot(OnnxNode node, int slot) => slot is 1 or 2 or 3 || (slot == 7 && node.OpType == "LSTM");

    public static string SlotName(int slot) => slot < SlotNames.Length ? SlotNames[slot] : "input " + slot.ToString(CultureInfo.InvariantCulture);

    /// <summary>Resolves the node's weights and claims the tensors they are made of.</summary>
    /// <param name="node">A node for which <see cref="IsRecurrent"/> holds.</param>
    /// <param name="resolver">The graph's values.</param>
    /// <param name="visited">The values visited by earlier nodes, with the row that visited them first.</param>
    public static RecurrentNode Resolve(OnnxNode node, OnnxValueResolver resolver, Dictionary<string, string> visited)
    {
        int gates = node.OpType switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
        var notes = new List<string>();
        string direction = node.Text("direction", "forward");
        if (direction is not ("forward" or "reverse" or "bidirectional"))
        {
            notes.Add("direction '" + direction + "' is none of forward, reverse, bidirectional; read as one direction");
        }

        int directions = direction == "bidirectional" ? 2 : 1;
        var slots = new List<Slot>();
        foreach (int position in node.OpType == "LSTM" ? new[] { 1, 2, 3, 7 } : [1, 2, 3])
        {
            string name = node.Input(position);
            if (name.Length == 0)
            {
                if (position <= 2)
                {
                    notes.Add(SlotName(position) + " is missing");
                }

                continue;
            }

            var shared = new SortedSet<string>(StringComparer.Ordinal);
            List<OnnxTensor> tensors = resolver.Tensors(name, visited, node.RowName, shared).Where(resolver.IsParameter).ToList();
            slots.Add(new Slot(position, resolver.Resolve(name), tensors, shared));
        }

        Slot? w = slots.Find(s => s.Position == 1);
        Slot? r = slots.Find(s => s.Position == 2);
        long? hidden = node.Attribute("hidden_size")?.Int ?? (r?.Dims is { Length: 3 } dims ? dims[2] : null);
        return new RecurrentNode(node, gates, directions, hidden is >= 0 ? hidden : null, slots, notes);
    }

    /// <summary>The node's row: its tensors and <paramref name="extra"/> (scales and zero points of dequantized weights), hidden size, direction, derivation and note.</summary>
    public LayerSummary Row(IReadOnlyList<OnnxTensor> extra)
    {
        var weights = new List<WeightTensor>();
        foreach (OnnxTensor tensor in Tensors.Concat(extra))
        {
            weights.Add(new WeightTensor(tensor.Name.Length > 0 ? tensor.Name : "tensor_" + weights.Count.ToString(CultureInfo.InvariantCulture), tensor.Shape));
        }

        var problems = new List<string>(notes);
        foreach (Slot slot in slots.Where(s => s.Value.Failure is not null))
        {
            problems.Add(SlotName(slot.Position) + " could not be resolved: " + slot.Value.Failure);
        }

        foreach (Slot slot in slots.Where(s => s.SharedWith.Count > 0))
        {
            problems.Add(SlotName(slot.Position) + " shares stored tensors with " + Join(slot.SharedWith.Select(o => "'" + o + "'").ToArray()) + ", whose row counts them");
        }

        problems.AddRange(slots.Where(s => s.Dims is not null).Select(Mismatch).OfType<string>());
        long parameters = weights.Aggregate(0L, (sum, weight) => checked(sum + weight.Count));
        var said = new List<string>(problems);
        string[] fed = slots.Where(s => s.Tensors.Any(t => t.Kind == OnnxTensorKind.GraphInput)).Select(s => SlotName(s.Position)).ToArray();
        if (fed.Length > 0)
        {
            said.Add(Join(fed) + (fed.Length == 1 ? " is a graph input" : " are graph inputs") + " the runtime feeds, counted from " + (fed.Length == 1 ? "its declared shape" : "their declared shapes"));
        }

        Derivation? derivation = problems.Count == 0 ? Derivation(parameters, said) : null;
        return new LayerSummary(Node.RowName, Node.OpType, new[] { new OutputShape(null, Directions, null, Hidden) }, weights)
        {
            Derivation = derivation,
            MacsPerStep = slots.Where(s => s.Position is 1 or 2 && s.Dims is not null).Aggregate(0L, (sum, s) => checked(sum + s.Dims!.Aggregate(1L, (p, d) => checked(p * d)))),
            Note = said.Count == 0 ? null : string.Join("; ", said) + ".",
        };
    }

    /// <summary>PyTorch's one-layer module for the resolved shapes, when they are exactly its and the counts agree.</summary>
    private Derivation? Derivation(long parameters, List<string> said)
    {
        long[]? w = slots.Find(s => s.Position == 1)?.Dims;
        bool bias = slots.Exists(s => s.Position == 3);
        if (w is null || slots.Find(s => s.Position == 2)?.Dims is null || Hidden is not long hidden
            || hidden is 0 or > int.MaxValue || w[2] is 0 or > int.MaxValue)
        {
            return null;
        }

        if (slots.Exists(s => s.Position == 7))
        {
            said.Add("P holds peephole weights, which PyTorch's LSTM does not have, so there is no PyTorch derivation");
            return null;
        }

        int inputSize = (int)w[2];
        int h = (int)hidden;
        LayerSpec spec = Gates switch
        {
            4 => LayerSpec.Torch.Lstm(inputSize, h, 1, bias, Directions == 2),
            3 => LayerSpec.Torch.Gru(inputSize, h, 1, bias, Directions == 2),
            _ => LayerSpec.Torch.Rnn(inputSize, h, 1, bias, Directions == 2),
        };
        return Params.Count(spec) == parameters ? Params.Explain(spec) : null;
    }

    /// <summary>Says how a resolved weight's shape differs from the one ONNX defines for the node, or null when it does not.</summary>
    private string? Mismatch(Slot slot)
    {
        long[] dims = slot.Dims!;
        long? gh = Hidden is long h ? checked(Gates * h) : null;
        long?[] expected = slot.Position switch
        {
            1 => [Directions, gh, dims.Length == 3 ? dims[2] : null],
            2 => [Directions, gh, Hidden],
            3 => [Directions, gh is long g ? checked(2 * g) : null],
            _ => [Directions, Hidden is long p ? checked(3 * p) : null],
        };
        bool fits = dims.Length == expected.Length && expected.Select((e, k) => e is null || e == dims[k]).All(ok => ok);
        if (fits)
        {
            return null;
        }

        string[] names = slot.Position switch
        {
            1 => ["directions", Gates.ToString(CultureInfo.InvariantCulture) + "·hidden_size", "input_size"],
            2 => ["directions", Gates.ToString(CultureInfo.InvariantCulture) + "·hidden_size", "hidden_size"],
            3 => ["directions", (2 * Gates).ToString(CultureInfo.InvariantCulture) + "·hidden_size"],
            _ => ["directions", "3·hidden_size"],
        };
        string shape = "(" + string.Join(", ", expected.Select((e, k) => e?.ToString(CultureInfo.InvariantCulture) ?? names[k])) + ")";
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} is {1}, but {2} {3} with hidden_size {4} and {5} direction{6} needs {7}",
            SlotName(slot.Position),
            OnnxValue.Format(dims),
            Gates == 3 ? "a" : "an",
            Node.OpType,
            Hidden?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
            Directions,
            Directions == 1 ? string.Empty : "s",
            shape);
    }

    private static string Join(string[] items) =>
        items.Length == 1 ? items[0] : string.Join(", ", items.Take(items.Length - 1)) + " and " + items[^1];

    /// <summary>One weight input: its position, resolved value and the tensors it claimed.</summary>
    private sealed class Slot
    {
        public Slot(int position, OnnxValue value, List<OnnxTensor> tensors, SortedSet<string> sharedWith)
        {
            Position = position;
            Value = value;
            Tensors = tensors;
            SharedWith = sharedWith;
        }

        public int Position { get; }

        public OnnxValue Value { get; }

        public long[]? Dims => Value.Dims;

        public List<OnnxTensor> Tensors { get; }

        public SortedSet<string> SharedWith { get; }
    }
}
