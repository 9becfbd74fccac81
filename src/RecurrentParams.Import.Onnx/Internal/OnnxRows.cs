using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Onnx.Protos;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// Groups the graph's parameters into rows: one per recurrent node (its W, R, B, P), one per node that a stored
/// tensor ends up in (looking through shape operators), and one for tensors no node consumes; then builds the summary.
/// </summary>
/// <remarks>
/// Parameters are the initializers whose type makes them one (see <see cref="OnnxDataType"/>), and the tensors of
/// <c>Constant</c> nodes and graph inputs with static shapes that a recurrent node's W, R, B or P is made of. Other
/// <c>Constant</c> nodes (zero initial states, scalars, shapes) and graph inputs are not parameters; integer
/// initializers are listed in <see cref="ImportedModel.Tensors"/> as constants.
/// </remarks>
internal static class OnnxRows
{
    public static ImportedModel Summarize(OnnxGraph graph, string fallbackName)
    {
        var resolver = new OnnxValueResolver(graph);
        var visited = new Dictionary<string, string>(StringComparer.Ordinal);
        var recurrent = new Dictionary<int, RecurrentNode>();
        foreach (OnnxNode node in graph.Nodes.Where(RecurrentNode.IsRecurrent))
        {
            recurrent.Add(node.Index, RecurrentNode.Resolve(node, resolver, visited));
        }

        var claimed = new HashSet<OnnxTensor>(recurrent.Values.SelectMany(r => r.Tensors));
        var consumed = new SortedDictionary<int, List<(OnnxTensor Tensor, int Slot)>>();
        var states = new SortedDictionary<int, List<(OnnxTensor Tensor, int Slot)>>();
        var unconsumed = new List<OnnxTensor>();
        foreach (OnnxTensor tensor in graph.Initializers)
        {
            if (claimed.Contains(tensor) || !resolver.IsParameter(tensor) || (tensor.Name.Length > 0 && resolver.Initializers[tensor.Name] != tensor))
            {
                continue; // counted by a recurrent node, a constant, or hidden by an earlier initializer of the same name
            }

            (int Node, int Slot)? consumer = resolver.Consumer(tensor.Name, (n, slot) => recurrent.ContainsKey(n) && !RecurrentNode.IsWeightSlot(graph.Nodes[n], slot));
            if (consumer is not (int node, int slot))
            {
                unconsumed.Add(tensor);
            }
            else
            {
                Add(recurrent.ContainsKey(node) && !RecurrentNode.IsWeightSlot(graph.Nodes[node], slot) ? states : consumed, node, (tensor, slot));
            }
        }

        var rows = new List<LayerSummary>();
        foreach (int index in recurrent.Keys.Concat(consumed.Keys).Concat(states.Keys).Distinct().OrderBy(k => k))
        {
            OnnxNode node = graph.Nodes[index];
            // In the order of the node's inputs (a Gemm's weight before its bias), then of the file.
            List<OnnxTensor> tensors = consumed.TryGetValue(index, out var found) ? found.OrderBy(f => f.Slot).Select(f => f.Tensor).ToList() : [];
            if (recurrent.TryGetValue(index, out RecurrentNode? cell))
            {
                rows.Add(cell.Row(tensors));
            }
            else
            {
                rows.Add(Row(graph, node, tensors));
            }

            if (states.TryGetValue(index, out var state))
            {
                rows.Add(new LayerSummary(node.RowName + " (state)", "Initializers", new[] { OutputShape.Unknown }, Weights(state.Select(s => s.Tensor).ToList())));
            }
        }

        if (unconsumed.Count > 0)
        {
            rows.Add(new LayerSummary("(unconsumed initializers)", "Initializers", new[] { OutputShape.Unknown }, Weights(unconsumed)));
        }

        string name = graph.Name.Length > 0 ? graph.Name : fallbackName;
        if (rows.Count == 0)
        {
            rows.Add(new LayerSummary(name, "Graph", new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>()));
        }

        (OutputShape? shape, ElementType elementType) = GraphInput(graph, resolver);
        var summary = new ModelSummary(name, Convention.Torch, shape, rows) { InputElementType = elementType };
        TensorInfo[] tensorInfos = graph.Initializers.Select(i => i.Info).ToArray();
        return new ImportedModel(ModelFileFormat.Onnx, summary, tensorInfos, crossCheck: false)
        {
            Recovered = TorchArchitecture.Recover(tensorInfos),
            Metadata = graph.Metadata,
        };
    }

    private static void Add(SortedDictionary<int, List<(OnnxTensor Tensor, int Slot)>> groups, int node, (OnnxTensor Tensor, int Slot) tensor)
    {
        if (!groups.TryGetValue(node, out List<(OnnxTensor Tensor, int Slot)>? group))
        {
            group = [];
            groups.Add(node, group);
        }

        group.Add(tensor);
    }

    private static WeightTensor[] Weights(List<OnnxTensor> tensors) =>
        tensors.Select((t, k) => new WeightTensor(t.Name.Length > 0 ? t.Name : "initializer_" + k.ToString(CultureInfo.InvariantCulture), t.Shape)).ToArray();

    /// <summary>A node that stored tensors end up in: a <c>Gemm</c>, a <c>Gather</c> embedding, a <c>Conv</c>...</summary>
    private static LayerSummary Row(OnnxGraph graph, OnnxNode node, List<OnnxTensor> tensors)
    {
        // The declared shape when it has a static dimension, else the width the weight implies.
        OutputShape output = node.Outputs.Count > 0 && graph.ValueInfos.TryGetValue(node.Outputs[0], out ValueInfoProto? info)
            && Shape(info) is OutputShape known && known.Dimensions.Any(d => d is not null)
            ? known
            : Guess(node, tensors[0]);
        long macs = node.OpType is "Gemm" or "MatMul" or "Conv" ? tensors[0].Shape.ElementCount : 0;
        return new LayerSummary(node.RowName, node.OpType.Length > 0 ? node.OpType : "Node", new[] { output }, Weights(tensors)) { MacsPerStep = macs };
    }

    /// <summary>The output width a weight implies for the common nodes: Gemm / MatMul (N), Gather on an embedding table (E).</summary>
    private static OutputShape Guess(OnnxNode node, OnnxTensor first)
    {
        if (first.Shape.Rank == 2)
        {
            switch (node.OpType)
            {
                case "Gemm":
                    return new OutputShape(null, node.Int("transB", 0) == 1 ? first.Shape.Dimensions[0] : first.Shape.Dimensions[1]);
                case "MatMul":
                case "Gather":
                    return new OutputShape(null, null, first.Shape.Dimensions[1]);
            }
        }

        return OutputShape.Unknown;
    }

    private static OutputShape? Shape(ValueInfoProto info)
    {
        if (info.Type?.TensorType?.Shape is not TensorShapeProto shape || shape.Dim.Count == 0)
        {
            return null;
        }

        return new OutputShape(shape.Dim.Select(d => d.HasDimValue && d.DimValue >= 0 ? d.DimValue : (long?)null).ToArray());
    }

    /// <summary>The model's input: the first graph input that is not an initializer.</summary>
    private static (OutputShape? Shape, ElementType ElementType) GraphInput(OnnxGraph graph, OnnxValueResolver resolver)
    {
        ValueInfoProto? first = graph.Inputs.FirstOrDefault(i => !resolver.Initializers.ContainsKey(i.Name));
        if (first is null)
        {
            return (null, ElementType.Float32);
        }

        return (Shape(first), OnnxDataType.ElementTypeOf(first.Type?.TensorType?.ElemType ?? 1));
    }
}
