using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Onnx.Protos;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// Graph resolution: where each value of the graph comes from. A value is a stored tensor (an initializer, a
/// <c>Constant</c> node's tensor), a graph input the runtime feeds, or the output of a node; through the
/// <see cref="ShapeOperators"/> its exact shape is computed from the tensors it is made of.
/// </summary>
/// <remarks>
/// Every walk is iterative and visits each value at most once, so its cost follows the nodes present: a chain of a
/// million <c>Identity</c> nodes costs a million steps and no stack, and a cycle (which a valid graph never has) ends as
/// an unresolved value with its reason.
/// </remarks>
internal sealed class OnnxValueResolver
{
    private readonly List<OnnxNode> nodes;
    private readonly Dictionary<string, OnnxTensor> initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueInfoProto> graphInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OnnxNode Node, int Output)> producers;
    private readonly Dictionary<string, (int Node, int Slot)> firstConsumers;
    private readonly Dictionary<string, OnnxValue> resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxValue> leaves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> leafTensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Node, int Slot)?> consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> dequantized = new(StringComparer.Ordinal);

    public OnnxValueResolver(OnnxGraph graph)
    {
        nodes = graph.Nodes;
        producers = new(nodes.Count, StringComparer.Ordinal);
        firstConsumers = new(nodes.Count, StringComparer.Ordinal);
        foreach (OnnxTensor initializer in graph.Initializers)
        {
            AddFirst(initializers, initializer.Name, initializer); // the first of duplicate names stands
        }

        foreach (ValueInfoProto input in graph.Inputs)
        {
            if (!initializers.ContainsKey(input.Name))
            {
                AddFirst(graphInputs, input.Name, input); // IR < 4 lists initializers as inputs too: the initializer stands
            }
        }

        foreach (OnnxNode node in nodes)
        {
            for (int k = 0; k < node.Outputs.Count; k++)
            {
                string output = node.Outputs[k];
                if (output.Length > 0 && !initializers.ContainsKey(output) && !graphInputs.ContainsKey(output))
                {
                    AddFirst(producers, output, (node, k));
                }
            }

            for (int k = 0; k < node.Inputs.Count; k++)
            {
                if (node.Inputs[k].Length > 0)
                {
                    AddFirst(firstConsumers, node.Inputs[k], (node.Index, k));
                }
            }

            if (node.IsDefaultDomain && node.OpType == "DequantizeLinear" && node.Inputs.Count > 0)
            {
                dequantized.Add(node.Inputs[0]);
            }
        }
    }

    /// <summary>Gets the graph's initializers by name (the first of duplicate names).</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Initializers => initializers;

    /// <summary>Whether a tensor is a parameter: by its type (see <see cref="OnnxDataType"/>), or as the quantized data a <c>DequantizeLinear</c> reads.</summary>
    public bool IsParameter(OnnxTensor tensor) => tensor.HasParameterType || dequantized.Contains(tensor.Name);

    /// <summary>Resolves a value: its shape and element type, or why they are unknown.</summary>
    public OnnxValue Resolve(string name)
    {
        if (resolved.TryGetValue(name, out OnnxValue? known))
        {
            return known;
        }

        var open = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(name);
        while (stack.Count > 0)
        {
            string value = stack.Peek();
            if (resolved.ContainsKey(value))
            {
                stack.Pop();
                continue;
            }

            if (!producers.TryGetValue(value, out (OnnxNode Node, int Output) producer) || !ShapeOperators.IsShapeOperator(producer.Node))
            {
                resolved[value] = Leaf(value);
                stack.Pop();
                continue;
            }

            OnnxNode node = producer.Node;
            int dependencies = ShapeOperators.Dependencies(node);
            if (open.Add(value))
            {
                for (int k = 0; k < dependencies; k++)
                {
                    string input = node.Inputs[k];
                    if (input.Length > 0 && !resolved.ContainsKey(input) && !open.Contains(input))
                    {
                        stack.Push(input);
                    }
                }

                continue;
            }

            // Every dependency is resolved now, except one still open: a cycle through this value.
            var inputs = new OnnxValue?[dependencies];
            bool fed = false;
            for (int k = 0; k < dependencies; k++)
            {
                string input = node.Inputs[k];
                inputs[k] = input.Length == 0 ? null
                    : resolved.TryGetValue(input, out OnnxValue? ready) ? ready
                    : OnnxValue.Unresolved("'" + input + "' depends on itself through a cycle of nodes");
                fed |= inputs[k]?.Fed == true;
            }

            OnnxValue[] results = ShapeOperators.Evaluate(node, inputs);
            for (int k = 0; k < results.Length; k++)
            {
                string output = node.Outputs[k];
                if (output.Length > 0 && producers.TryGetValue(output, out (OnnxNode Node, int Output) owner) && owner.Node == node && owner.Output == k)
                {
                    resolved[output] = fed ? results[k].AsFed() : results[k];
                }
            }

            open.Remove(value);
            stack.Pop();
        }

        return resolved[name];
    }

    /// <summary>The stored or fed tensor a value is, or <see langword="null"/> when it is computed or unknown.</summary>
    public OnnxTensor? Tensor(string name)
    {
        Leaf(name);
        return leafTensors.TryGetValue(name, out OnnxTensor? tensor) ? tensor : null;
    }

    /// <summary>
    /// The tensors a value is made of, through shape operators' data inputs, skipping values already visited (by this
    /// or an earlier call): each tensor is found once however many paths lead to it.
    /// </summary>
    /// <param name="name">The value.</param>
    /// <param name="visited">The values visited so far, with the owner that visited them first.</param>
    /// <param name="owner">Who asks (a row name).</param>
    /// <param name="sharedWith">Receives the owners that visited one of the values first.</param>
    public List<OnnxTensor> Tensors(string name, Dictionary<string, string> visited, string owner, ISet<string> sharedWith)
    {
        var found = new List<OnnxTensor>();
        var stack = new Stack<string>();
        stack.Push(name);
        while (stack.Count > 0)
        {
            string value = stack.Pop();
            if (visited.TryGetValue(value, out string? first))
            {
                if (first != owner)
                {
                    sharedWith.Add(first);
                }

                continue;
            }

            visited.Add(value, owner);
            if (producers.TryGetValue(value, out (OnnxNode Node, int Output) producer) && ShapeOperators.IsShapeOperator(producer.Node))
            {
                for (int k = ShapeOperators.DataInputs(producer.Node) - 1; k >= 0; k--)
                {
                    if (producer.Node.Inputs[k].Length > 0)
                    {
                        stack.Push(producer.Node.Inputs[k]);
                    }
                }
            }
            else if (Tensor(value) is OnnxTensor tensor)
            {
                found.Add(tensor);
            }
        }

        return found;
    }

    /// <summary>
    /// The node a value ends up in, looking through shape operators: its first consumer, or, when that is a shape
    /// operator whose output is still a constant of the file, where that output ends up; <see langword="null"/> when
    /// nothing consumes it.
    /// </summary>
    /// <param name="name">The value.</param>
    /// <param name="stopsAt">Whether a consumer at a slot ends the walk at the shape operator before it (a recurrent node's state inputs).</param>
    public (int Node, int Slot)? Consumer(string name, Func<int, int, bool> stopsAt)
    {
        var path = new List<(string Value, (int Node, int Slot) Consumer)>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        string value = name;
        (int Node, int Slot)? end = null;
        while (!consumers.TryGetValue(value, out end))
        {
            if (!firstConsumers.TryGetValue(value, out (int Node, int Slot) consumer))
            {
                end = null;
                break;
            }

            OnnxNode node = nodes[consumer.Node];
            string? next = ShapeOperators.IsShapeOperator(node) ? node.Outputs.FirstOrDefault(o => o.Length > 0 && firstConsumers.ContainsKey(o)) : null;
            if (next is not null && Resolve(next) is { Failure: not null } or { Fed: true })
            {
                next = null; // the operator mixes the tensor with data (an embedding look-up, a Concat with activations): it ends here
            }

            if (next is null || !onPath.Add(value))
            {
                end = consumer;
                break;
            }

            path.Add((value, consumer));
            value = next;
        }

        consumers[value] = end;
        for (int k = path.Count - 1; k >= 0; k--)
        {
            if (end is not (int, int) reached || stopsAt(reached.Node, reached.Slot))
            {
                end = path[k].Consumer;
            }

            consumers[path[k].Value] = end;
        }

        return consumers[name];
    }

    /// <summary>A value no shape operator produces: a tensor, a fed input, or an unresolved value with the reason.</summary>
    private OnnxValue Leaf(string name)
    {
        if (!leaves.TryGetValue(name, out OnnxValue? leaf))
        {
            OnnxTensor? tensor = MakeLeaf(name, out string reason);
            if (tensor is not null)
            {
                leafTensors.Add(name, tensor);
            }

            leaf = tensor is null ? OnnxValue.Unresolved(reason)
                : tensor.Kind == OnnxTensorKind.GraphInput ? OnnxValue.Known([.. tensor.Shape.Dimensions], tensor.DataType).AsFed()
                : OnnxValue.Known([.. tensor.Shape.Dimensions], tensor.DataType, tensor.Values);
            leaves.Add(name, leaf);
        }

        return leaf;
    }

    private OnnxTensor? MakeLeaf(string name, out string reason)
    {
        reason = string.Empty;
        if (initializers.TryGetValue(name, out OnnxTensor? initializer))
        {
            return initializer;
        }

        if (graphInputs.TryGetValue(name, out ValueInfoProto? input))
        {
            return FedInput(input, out reason);
        }

        if (!producers.TryGetValue(name, out (OnnxNode Node, int Output) producer))
        {
            reason = "no initializer, graph input or node output is named '" + name + "'";
            return null;
        }

        OnnxNode node = producer.Node;
        if (node.IsDefaultDomain && node.OpType == "Constant")
        {
            return ConstantTensor(node, name, out reason);
        }

        reason = "'" + name + "' is computed by " + node.Described + (node.IsDefaultDomain ? string.Empty : " of domain '" + node.Domain + "'") + ", not stored";
        return null;
    }

    /// <summary>A graph input without initializer: a tensor the runtime feeds, when its shape is static.</summary>
    private static OnnxTensor? FedInput(ValueInfoProto input, out string reason)
    {
        reason = string.Empty;
        TypeProto.Types.Tensor? type = input.Type?.TensorType;
        if (type?.Shape is not TensorShapeProto shape)
        {
            reason = "graph input '" + input.Name + "' declares no tensor shape";
            return null;
        }

        if (shape.Dim.Any(d => !d.HasDimValue || d.DimValue < 0))
        {
            reason = "graph input '" + input.Name + "' has no static shape: (" + string.Join(", ", shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.DimParam.Length > 0 ? d.DimParam : "?")) + ")";
            return null;
        }

        try
        {
            return new OnnxTensor(input.Name, type.ElemType, new TensorShape(shape.Dim.Select(d => d.DimValue).ToArray()), OnnxTensorKind.GraphInput, null);
        }
        catch (OverflowException)
        {
            reason = "graph input '" + input.Name + "' declares a shape whose element count does not fit in a 64-bit integer";
            return null;
        }
    }

    /// <summary>The tensor of a <c>Constant</c> node, from whichever value attribute it has.</summary>
    private static OnnxTensor? ConstantTensor(OnnxNode node, string name, out string reason)
    {
        reason = string.Empty;
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            switch (attribute.Name)
            {
                case "value" or "sparse_value" when attribute.Tensor is OnnxTensor tensor:
                    return new OnnxTensor(name, tensor.DataType, tensor.Shape, OnnxTensorKind.Constant, tensor.Values);
                case "value_float" when attribute.HasFloat:
                    return new OnnxTensor(name, OnnxDataType.Float, new TensorShape(), OnnxTensorKind.Constant, null);
                case "value_floats":
                    return new OnnxTensor(name, OnnxDataType.Float, new TensorShape(attribute.FloatsCount), OnnxTensorKind.Constant, null);
                case "value_int" when attribute.Int is long value:
                    return new OnnxTensor(name, OnnxDataType.Int64, new TensorShape(), OnnxTensorKind.Constant, [value]);
                case "value_ints":
                    return new OnnxTensor(name, OnnxDataType.Int64, new TensorShape(attribute.IntsCount), OnnxTensorKind.Constant, attribute.Ints);
            }
        }

        reason = node.Described + " holds no numeric value attribute";
        return null;
    }

    /// <summary>Adds an entry unless the key is taken: the first definition of a name stands.</summary>
    private static void AddFirst<TValue>(Dictionary<string, TValue> map, string key, TValue value)
    {
        if (!map.TryGetValue(key, out _))
        {
            map[key] = value;
        }
    }
}
