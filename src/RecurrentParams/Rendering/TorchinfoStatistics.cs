using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Rendering;

/// <summary>
/// The display-only statistics torchinfo 1.8 prints, computed from a summary's rows as torchinfo computes them from its
/// <c>LayerInfo</c> list (<c>torchinfo/layer_info.py</c>, <c>model_statistics.py</c>, <c>torchinfo.py</c>).
/// </summary>
/// <remarks>
/// <para>A summary whose first row has depth 0 is a module tree: its rows are torchinfo's list, a row object listed twice
/// being one <c>LayerInfo</c> (it takes the depth index and the children of its last place). Otherwise the rows are the
/// children of the model, which is added as a depth-0 row; a row's input is then the previous row's output where it does
/// not record one.</para>
/// <para>Mult-adds of a row that ran: for a parameter named exactly <c>weight</c> or <c>bias</c>, <c>output[0] × count</c>
/// (a class name containing <c>Conv</c>: <c>count × prod(output[:1] + output[2:])</c>); for other names containing
/// <c>weight</c> or <c>bias</c> (<c>weight_ih_l0</c>, a container's <c>0.weight</c>), <c>prod(output[:2]) × count</c>.
/// Bytes: parameters in their element types; the forward/backward pass is 2 × the first-output bytes of every leaf row
/// with parameters, each time it runs; the input adds the 56 bytes <c>sys.getsizeof</c> reports for a tensor's storage
/// (PyTorch 1.13).</para>
/// </remarks>
internal sealed class TorchinfoStatistics
{
    /// <summary>The bytes <c>sys.getsizeof(tensor.untyped_storage())</c> adds to the data in PyTorch 1.13.</summary>
    public const long StorageHeaderBytes = 56;

    private TorchinfoStatistics(ModelSummary summary)
    {
        IReadOnlyList<LayerSummary> rows = summary.Rows;
        IsTree = rows[0].Depth == 0;
        int floating = summary.InputElementType is ElementType.Float64 or ElementType.Float16 or ElementType.BFloat16
            ? ElementTypes.Size(summary.InputElementType)
            : 4;
        var layers = new List<Layer>(rows.Count + 1);
        if (IsTree)
        {
            layers.AddRange(rows.Select(r => new Layer(r, r, executed: r.InputShape is not null, r.InputShape, floating)));
        }
        else
        {
            var root = new LayerSummary(summary.Name, summary.Name, [summary.Output], []) { Depth = 0, IsLeaf = false, InputShape = summary.Input };
            layers.Add(new Layer(root, root, executed: true, summary.Input, floating) { Params = summary.TotalParams, Trainable = summary.TrainableParams });
            OutputShape? previous = summary.Input;
            foreach (LayerSummary row in rows)
            {
                layers.Add(new Layer(row, row, executed: true, row.InputShape ?? previous, floating));
                previous = row.OutputShape;
            }
        }

        Layers = layers;
        var lastPlace = new Dictionary<LayerSummary, int>(ReferenceComparer.Instance);
        var depthCounters = new Dictionary<int, int>();
        var depthIndex = new Dictionary<LayerSummary, int>(ReferenceComparer.Instance);
        for (int k = 0; k < layers.Count; k++)
        {
            Layer layer = layers[k];
            depthCounters.TryGetValue(layer.Row.Depth, out int count);
            depthCounters[layer.Row.Depth] = count + 1;
            depthIndex[layer.Identity] = count + 1;
            lastPlace[layer.Identity] = k;
        }

        for (int k = layers.Count - 1; k >= 0; k--)
        {
            Layer layer = layers[k];
            layer.DepthIndex = depthIndex[layer.Identity];
            int from = lastPlace[layer.Identity];
            int to = from + 1;
            while (to < layers.Count && layers[to].Row.Depth > layer.Row.Depth)
            {
                to++;
            }

            layer.Children = (from + 1, to);
        }

        for (int k = layers.Count - 1; k >= 0; k--)
        {
            Layer layer = layers[k];
            (int from, int to) = layer.Children;
            long leftover = layer.Params;
            long childMacs = 0;
            for (int j = from; j < to; j++)
            {
                if (!layers[j].Row.IsRecursive)
                {
                    leftover = checked(leftover - (layers[j].Row.IsLeaf ? layers[j].Params : layers[j].Leftover));
                }

                if (layers[j].Row.IsLeaf)
                {
                    childMacs = checked(childMacs + layers[j].Macs);
                }
            }

            layer.Leftover = leftover;
            layer.ChildMacs = childMacs;
        }

        foreach (Layer layer in layers.Where(l => l.Row.IsLeaf))
        {
            TotalMacs = checked(TotalMacs + layer.Macs);
            if (layer.Params > 0)
            {
                ForwardBackwardBytes = checked(ForwardBackwardBytes + (2 * layer.OutputBytes));
            }

            if (!layer.Row.IsRecursive)
            {
                ParamBytes = checked(ParamBytes + layer.ParamBytes);
            }
        }

        if (summary.Input is { } input && input.Dimensions.All(d => d is not null))
        {
            InputBytes = checked((Product(input.Dimensions) * ElementTypes.Size(summary.InputElementType)) + StorageHeaderBytes);
        }
    }

    /// <summary>Gets a value indicating whether the summary's rows are a module tree (its first row has depth 0).</summary>
    public bool IsTree { get; }

    /// <summary>Gets torchinfo's <c>summary_list</c>: the model row first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Gets the sum of the leaf rows' mult-adds, every call counted.</summary>
    public long TotalMacs { get; }

    /// <summary>Gets the input size in bytes, or <see langword="null"/> when the input is unknown (torchinfo then prints no size section).</summary>
    public long? InputBytes { get; }

    /// <summary>Gets the forward/backward pass size in bytes.</summary>
    public long ForwardBackwardBytes { get; }

    /// <summary>Gets the parameter size in bytes.</summary>
    public long ParamBytes { get; }

    public static TorchinfoStatistics Of(ModelSummary summary) => new(summary);

    private static long Product(IEnumerable<long?> dimensions) =>
        dimensions.Aggregate(1L, (product, d) => checked(product * (d ?? 1)));

    /// <summary>One <c>LayerInfo</c>: a row and the numbers torchinfo derives from it.</summary>
    internal sealed class Layer
    {
        public Layer(LayerSummary row, LayerSummary identity, bool executed, OutputShape? input, int floatingBytes)
        {
            Row = row;
            Identity = identity;
            Executed = executed;
            Input = executed ? input : null;
            Params = WeightSequence.SumOf(row.Weights, w => w.Count);
            ParamBytes = WeightSequence.SumOf(row.Weights, w => checked(w.Count * ElementTypes.Size(w.ElementType)));
            Trainable = WeightSequence.SumOf(row.Weights, w => w.Trainable ? w.Count : 0);

            long?[] output = row.OutputShape.Dimensions.ToArray();
            if (executed)
            {
                Macs = MultAdds(row, output);
                int bytes = row.OutputElementType is ElementType type ? ElementTypes.Size(type) : floatingBytes;
                OutputBytes = checked(bytes * Product(output));
            }
        }

        public LayerSummary Row { get; }

        /// <summary>Gets the row object: the same for both places of a container listed twice.</summary>
        public LayerSummary Identity { get; }

        public bool Executed { get; }

        public OutputShape? Input { get; }

        public long Params { get; init; }

        public long Trainable { get; init; }

        public long ParamBytes { get; }

        public long Macs { get; }

        public long OutputBytes { get; }

        public int DepthIndex { get; set; }

        /// <summary>Gets or sets the rows below this one (torchinfo's <c>children</c>): positions [from, to).</summary>
        public (int From, int To) Children { get; set; }

        /// <summary>Gets or sets torchinfo's <c>leftover_params()</c>: the parameters no row below counts.</summary>
        public long Leftover { get; set; }

        /// <summary>Gets or sets the mult-adds of the leaf rows below, shown for a container at the last depth.</summary>
        public long ChildMacs { get; set; }

        /// <summary>Gets torchinfo's <c>var_name</c>: the attribute name (the last part of the path), or the model's class name.</summary>
        public string VarName
        {
            get
            {
                string name = Row.Name;
                return Row.Depth == 0 ? name : name.Substring(name.LastIndexOf('.') + 1);
            }
        }

        /// <summary>torchinfo's <c>LayerInfo.calculate_macs</c>.</summary>
        private static long MultAdds(LayerSummary row, long?[] output) =>
            WeightSequence.SumOf(row.Weights, weight =>
            {
                if (weight.Name is "weight" or "bias")
                {
                    return row.ClassName.Contains("Conv")
                        ? checked(weight.Count * Product(output.Take(1).Concat(output.Skip(2))))
                        : checked((output.Length > 0 ? output[0] ?? 1 : 1) * weight.Count);
                }

                return weight.Name.Contains("weight") || weight.Name.Contains("bias") ? checked(Product(output.Take(2)) * weight.Count) : 0;
            });
    }
}
