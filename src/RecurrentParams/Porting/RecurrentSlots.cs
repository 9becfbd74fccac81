using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Porting;

/// <summary>Where the weights of one (layer, direction) block of a recurrent layer live in a layout, by role.</summary>
/// <remarks>
/// Roles: <see cref="InputKernel"/> (<c>G·u × i</c> in gate-major order), <see cref="RecurrentKernel"/>, and the biases:
/// either one (<see cref="Bias"/>, Keras) or an input and a recurrent bias (<see cref="InputBias"/>, <see cref="RecurrentBias"/>).
/// </remarks>
internal sealed class RecurrentSlots
{
    private RecurrentSlots(CellType cellType, WeightLayout layout, long units, long inputSize, long recurrentSize)
    {
        CellType = cellType;
        Layout = layout;
        Units = units;
        InputSize = inputSize;
        RecurrentSize = recurrentSize;
    }

    public CellType CellType { get; }

    public WeightLayout Layout { get; }

    public long Units { get; }

    public long InputSize { get; }

    public long RecurrentSize { get; }

    public int Gates => GateOrder.Count(CellType);

    public Slot? InputKernel { get; private set; }

    public Slot? RecurrentKernel { get; private set; }

    public Slot? Bias { get; private set; }

    public Slot? InputBias { get; private set; }

    public Slot? RecurrentBias { get; private set; }

    /// <summary>Describes a Keras layer's block: <c>kernel (i, G·u)</c>, <c>recurrent_kernel (u, G·u)</c>, <c>bias</c>.</summary>
    public static RecurrentSlots Keras(LayerSpec spec, int direction, string prefix)
    {
        long units = spec.Units;
        long gateWidth = checked(GateOrder.Count(spec.CellType) * units);
        string path = prefix
            + (spec.Bidirectional ? (direction == 0 ? "forward_" : "backward_") + KerasNaming.ToSnakeCase(spec.CellType.Name) + "/" : string.Empty)
            + KerasNaming.ToSnakeCase(spec.CellType.Name + "Cell") + "/";
        var slots = new RecurrentSlots(spec.CellType, WeightLayout.Keras, units, spec.InputSize, units)
        {
            InputKernel = new Slot(path + "kernel", new TensorShape(spec.InputSize, gateWidth), 0, transposed: true, string.Empty),
            RecurrentKernel = new Slot(path + "recurrent_kernel", new TensorShape(units, gateWidth), 0, transposed: true, string.Empty),
        };
        if (!spec.UseBias)
        {
            return slots;
        }

        if (spec.CellType == CellType.Gru && spec.ResetAfter)
        {
            var shape = new TensorShape(2, gateWidth);
            slots.InputBias = new Slot(path + "bias", shape, 0, transposed: false, "row 0");
            slots.RecurrentBias = new Slot(path + "bias", shape, gateWidth, transposed: false, "row 1");
        }
        else
        {
            slots.Bias = new Slot(path + "bias", new TensorShape(gateWidth), 0, transposed: false, string.Empty);
        }

        return slots;
    }

    /// <summary>Describes layer <paramref name="layer"/> of a PyTorch module: <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>.</summary>
    public static RecurrentSlots Torch(LayerSpec spec, int layer, int direction, string prefix)
    {
        long units = spec.Units;
        long recurrent = spec.ProjSize > 0 ? spec.ProjSize : units;
        long input = layer == 0 ? spec.InputSize : checked(spec.Directions * recurrent);
        long gateWidth = checked(GateOrder.Count(spec.CellType) * units);
        string suffix = "_l" + layer.ToString(CultureInfo.InvariantCulture) + (direction == 1 ? "_reverse" : string.Empty);
        var slots = new RecurrentSlots(spec.CellType, WeightLayout.Torch, units, input, recurrent)
        {
            InputKernel = new Slot(prefix + "weight_ih" + suffix, new TensorShape(gateWidth, input), 0, transposed: false, string.Empty),
            RecurrentKernel = new Slot(prefix + "weight_hh" + suffix, new TensorShape(gateWidth, recurrent), 0, transposed: false, string.Empty),
        };
        if (spec.UseBias)
        {
            slots.InputBias = new Slot(prefix + "bias_ih" + suffix, new TensorShape(gateWidth), 0, transposed: false, string.Empty);
            slots.RecurrentBias = new Slot(prefix + "bias_hh" + suffix, new TensorShape(gateWidth), 0, transposed: false, string.Empty);
        }

        return slots;
    }

    /// <summary>Describes one direction of an ONNX node: <c>W [D, G·u, i]</c>, <c>R [D, G·u, u]</c>, <c>B [D, 2·G·u]</c>.</summary>
    public static RecurrentSlots Onnx(LayerSpec spec, int direction, string prefix)
    {
        long units = spec.Units;
        long directions = spec.Directions;
        long gateWidth = checked(GateOrder.Count(spec.CellType) * units);
        string part = directions == 1 ? string.Empty : "direction " + direction.ToString(CultureInfo.InvariantCulture);
        var slots = new RecurrentSlots(spec.CellType, WeightLayout.Onnx, units, spec.InputSize, units)
        {
            InputKernel = new Slot(prefix + "W", new TensorShape(directions, gateWidth, spec.InputSize), checked(direction * gateWidth * spec.InputSize), transposed: false, part),
            RecurrentKernel = new Slot(prefix + "R", new TensorShape(directions, gateWidth, units), checked(direction * gateWidth * units), transposed: false, part),
        };
        if (spec.UseBias)
        {
            var shape = new TensorShape(directions, checked(2 * gateWidth));
            string separator = part.Length == 0 ? string.Empty : ", ";
            slots.InputBias = new Slot(prefix + "B", shape, checked(direction * 2 * gateWidth), transposed: false, part + separator + "first half");
            slots.RecurrentBias = new Slot(prefix + "B", shape, checked((direction * 2 * gateWidth) + gateWidth), transposed: false, part + separator + "second half");
        }

        return slots;
    }

    /// <summary>A role's place: a tensor, the offset of the block in it, whether it keeps inputs on rows, and the words for the part.</summary>
    internal sealed class Slot
    {
        public Slot(string name, TensorShape shape, long offset, bool transposed, string part)
        {
            Name = name;
            Shape = shape;
            Offset = offset;
            Transposed = transposed;
            Part = part;
        }

        public string Name { get; }

        public TensorShape Shape { get; }

        public long Offset { get; }

        public bool Transposed { get; }

        public string Part { get; }

        public MappingTerm Term() => new(Name, Shape, Offset, Transposed, Part);
    }
}

/// <summary>The gate orders of the three layouts, as indices into PyTorch's order (LSTM <c>i, f, g, o</c>; GRU <c>r, z, n</c>).</summary>
internal static class GateOrder
{
    private static readonly int[] One = [0];
    private static readonly int[] LstmKerasTorch = [0, 1, 2, 3];
    private static readonly int[] LstmOnnx = [0, 3, 1, 2];
    private static readonly int[] GruTorch = [0, 1, 2];
    private static readonly int[] GruKerasOnnx = [1, 0, 2];

    public static int Count(CellType cellType) => cellType == CellType.Lstm ? 4 : cellType == CellType.Gru ? 3 : 1;

    public static bool IsMapped(CellType cellType) => cellType == CellType.SimpleRnn || cellType == CellType.Lstm || cellType == CellType.Gru;

    /// <summary>Gets, for each gate slot of the layout, the gate's index in PyTorch's order.</summary>
    public static int[] Of(CellType cellType, WeightLayout layout)
    {
        if (cellType == CellType.Lstm)
        {
            return layout == WeightLayout.Onnx ? LstmOnnx : LstmKerasTorch;
        }

        if (cellType == CellType.Gru)
        {
            return layout == WeightLayout.Torch ? GruTorch : GruKerasOnnx;
        }

        return One;
    }

    /// <summary>Gets the layout's gate letters, e.g. <c>i,o,f,c</c>.</summary>
    public static string Names(CellType cellType, WeightLayout layout)
    {
        if (cellType == CellType.Lstm)
        {
            return layout switch
            {
                WeightLayout.Keras => "i,f,c,o",
                WeightLayout.Torch => "i,f,g,o",
                _ => "i,o,f,c",
            };
        }

        return layout == WeightLayout.Torch ? "r,z,n" : "z,r,h";
    }

    /// <summary>Gets, for each target gate slot, the source slot holding the same gate.</summary>
    public static int[] Permutation(CellType cellType, WeightLayout from, WeightLayout to)
    {
        int[] source = Of(cellType, from);
        int[] target = Of(cellType, to);
        int[] permutation = new int[target.Length];
        for (int slot = 0; slot < target.Length; slot++)
        {
            permutation[slot] = System.Array.IndexOf(source, target[slot]);
        }

        return permutation;
    }
}
