using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// Evaluates a Keras topology (<c>{"class_name", "config"}</c>) into a <see cref="ModelSummary"/>: Sequential models
/// layer after layer, Functional models node by node in dependency order (branches, merges, shared layers, several
/// inputs and outputs). Handles Keras 3 (<c>batch_shape</c>, <c>inbound_nodes</c> with <c>args</c> /
/// <c>keras_history</c>) and Keras 2 / tf.keras / TensorFlow.js (<c>batch_input_shape</c>, nested-list inbound nodes,
/// a Keras 2.0 Sequential whose config is the list of layers).
/// </summary>
internal sealed class KerasGraph
{
    private readonly KerasLayers factory;
    private readonly ModelReaderOptions options;

    private KerasGraph(bool gruResetAfterDefault, ModelReaderOptions options)
    {
        factory = new KerasLayers(gruResetAfterDefault);
        this.options = options;
    }

    /// <summary>Summarizes a topology; <paramref name="kerasVersion"/> (from an .h5 attribute or the JSON) picks the GRU reset_after default.</summary>
    public static ModelSummary Summarize(Json model, string? kerasVersion, string fallbackName, ModelReaderOptions options)
    {
        model.Object();
        string className = model.Get("class_name").String();
        kerasVersion ??= model.OptString("keras_version");
        var graph = new KerasGraph(IsKeras3(model, kerasVersion), options);
        try
        {
            return className switch
            {
                "Sequential" => graph.Sequential(model, fallbackName),
                "Functional" or "Model" => graph.Functional(model, fallbackName),
                _ => Fail.At<ModelSummary>(model.Path + ".class_name", "expected a Sequential, Functional or Model topology but found '" + className + "'"),
            };
        }
        catch (OverflowException e)
        {
            return Fail.At<ModelSummary>(model.Path, "the model's parameter count does not fit in a 64-bit integer", e);
        }
    }

    /// <summary>Keras 3 and TF2 default GRU reset_after to true; Keras 2.0–2.3 and TensorFlow.js to false. Files written by
    /// Keras 2.1 and later state it explicitly, so the default only matters for older or hand-written files.</summary>
    private static bool IsKeras3(Json model, string? kerasVersion)
    {
        if (kerasVersion is not null)
        {
            return kerasVersion.Length > 0 && kerasVersion[0] == '3';
        }

        return model.Has("module") || model.Has("registered_name") || model.Has("build_config");
    }

    private static ElementType ElementTypeOf(string? dtype) => dtype switch
    {
        "float16" => ElementType.Float16,
        "bfloat16" => ElementType.BFloat16,
        "float64" => ElementType.Float64,
        "int32" => ElementType.Int32,
        "int64" => ElementType.Int64,
        "int8" or "uint8" => ElementType.Int8,
        _ => ElementType.Float32,
    };

    private static string? DType(Json config) =>
        config.TryGet("dtype", out Json dtype) && dtype.Kind == JsonValueKind.String ? dtype.String() : null;

    private static OutputShape? InputShapeOf(Json config)
    {
        foreach (string key in new[] { "batch_shape", "batch_input_shape" })
        {
            if (config.TryGet(key, out Json shape))
            {
                return ToShape(shape);
            }
        }

        return null;
    }

    private static OutputShape ToShape(Json shape)
    {
        long?[] dims = shape.Shape();
        if (dims.Length == 0)
        {
            throw Fail.Error(shape.Path, "expected a shape with at least the batch dimension");
        }

        return new OutputShape(dims);
    }

    private static LayerSummary Row(KerasNode node, NodeResult result, List<List<TensorRef>>? connections = null) =>
        new(node.Name, node.ClassName, result.Outputs, result.Weights)
        {
            Derivation = result.Derivation,
            MacsPerStep = result.Macs,
            InboundNodes = connections is null ? [] : connections.Select(call => call.Select(r => new InboundTensor(r.Layer, r.Node, r.Tensor)).ToArray()).ToArray(),
        };

    private ModelSummary Sequential(Json model, string fallbackName)
    {
        Json config = model.Get("config");
        Json layers;
        string name = fallbackName;
        if (config.Kind == JsonValueKind.Array)
        {
            layers = config; // Keras 2.0: the config is the list of layers.
        }
        else
        {
            layers = config.Object().Get("layers");
            name = config.OptString("name") is { Length: > 0 } n ? n : name;
        }

        Limits.Layers(layers.Length, options, layers.Path);
        var entries = layers.Items().ToList();
        OutputShape? input = null;
        string? dtype = null;
        if (entries.Count > 0)
        {
            Json first = entries[0].Object();
            Json firstConfig = first.Get("config").Object();
            input = InputShapeOf(firstConfig);
            dtype = DType(firstConfig);
        }

        if (input is null && config.Kind == JsonValueKind.Object && config.TryGet("build_input_shape", out Json built))
        {
            input = ToShape(built);
        }

        if (input is null && model.TryGet("build_config", out Json buildConfig) && buildConfig.TryGet("input_shape", out Json builtShape))
        {
            input = ToShape(builtShape);
        }

        var nodes = new List<KerasNode>();
        int index = 0;
        foreach (Json entry in entries)
        {
            string className = KerasLayers.ClassOf(entry.Object());
            if (className != "InputLayer")
            {
                KerasNode? node = factory.Create(entry, Limits.Name(KerasLayers.NameOf(entry, className, index), options, entry.Path), className);
                if (node is not null)
                {
                    nodes.Add(node);
                }
            }

            index++;
        }

        ThrowIfUnsupported();
        if (nodes.Count == 0)
        {
            throw Fail.Error(layers.Path, "expected at least one layer besides the input");
        }

        if (input is null)
        {
            throw Fail.Error(config.Path, "the Sequential model has no input shape (no batch_shape, batch_input_shape or build_input_shape): it was saved before it was built; build it on an input, or add an Input, and save again");
        }

        var rows = new List<LayerSummary>(nodes.Count);
        OutputShape current = input;
        foreach (KerasNode node in nodes)
        {
            NodeResult result = node.Evaluate(new[] { current });
            rows.Add(Row(node, result));
            current = result.Outputs[0];
        }

        return new ModelSummary(name, Convention.Keras, input, rows) { Output = current, InputElementType = ElementTypeOf(dtype) };
    }

    private void ThrowIfUnsupported()
    {
        if (factory.UnsupportedLayers.Count > 0)
        {
            throw new ModelFormatException(factory.UnsupportedLayers);
        }
    }

    private ModelSummary Functional(Json model, string fallbackName)
    {
        Json config = model.Get("config").Object();
        string name = config.OptString("name") is { Length: > 0 } n ? n : fallbackName;
        var layers = new List<FunctionalLayer>();
        var byName = new Dictionary<string, FunctionalLayer>(StringComparer.Ordinal);
        int index = 0;
        Json list = config.Get("layers");
        Limits.Layers(list.Length, options, list.Path);
        foreach (Json entry in list.Items())
        {
            entry.Object();
            string className = KerasLayers.ClassOf(entry);
            string layerName = Limits.Name(entry.OptString("name") is { Length: > 0 } outer ? outer : KerasLayers.NameOf(entry, className, index), options, entry.Path);
            var layer = new FunctionalLayer(entry, layerName, className);
            if (className == "InputLayer")
            {
                Json layerConfig = entry.Get("config").Object();
                layer.InputShape = InputShapeOf(layerConfig) ?? Fail.At<OutputShape>(layerConfig.Path, "expected batch_shape or batch_input_shape on the InputLayer");
                layer.DType = DType(layerConfig);
            }
            else
            {
                layer.Node = factory.Create(entry, layerName, className);
            }

            if (byName.ContainsKey(layerName))
            {
                throw Fail.Error(entry.Path, "a second layer is named '" + layerName + "'; layer names must be unique");
            }

            byName.Add(layerName, layer);

            layers.Add(layer);
            index++;
        }

        ThrowIfUnsupported();
        if (layers.Count == 0)
        {
            throw Fail.Error(config.Path + ".layers", "expected at least one layer");
        }

        foreach (FunctionalLayer layer in layers.Where(l => l.Node is not null))
        {
            (layer.Calls, layer.Connections) = ParseInboundNodes(layer);
            foreach (TensorRef reference in layer.Connections.SelectMany(call => call).Where(r => !byName.ContainsKey(r.Layer)))
            {
                throw Fail.Error(reference.Path, "no layer is named '" + reference.Layer + "'");
            }
        }

        var evaluator = new Evaluator(byName);
        foreach (FunctionalLayer layer in layers)
        {
            for (int call = 0; call < Math.Max(1, layer.Calls.Count); call++)
            {
                evaluator.Evaluate(layer, call);
            }
        }

        var rows = layers.Select(layer => layer.Node is null
            ? new LayerSummary(layer.Name, "InputLayer", new[] { layer.InputShape! }, Array.Empty<WeightTensor>())
            : Row(layer.Node, layer.Results[0]!, layer.Connections)).ToList();

        List<TensorRef> inputs = TensorRefs(config.Get("input_layers"));
        List<TensorRef> outputs = TensorRefs(config.Get("output_layers"));
        if (inputs.Count == 0 || outputs.Count == 0)
        {
            throw Fail.Error(config.Path, "expected at least one input and one output in input_layers / output_layers");
        }

        OutputShape input = evaluator.Resolve(inputs[0]);
        FunctionalLayer firstInput = byName[inputs[0].Layer];
        OutputShape output = evaluator.Resolve(outputs[0]);
        foreach (TensorRef other in inputs.Skip(1).Concat(outputs.Skip(1)))
        {
            evaluator.Resolve(other);
        }

        return new ModelSummary(name, Convention.Keras, input, rows) { Output = output, InputElementType = ElementTypeOf(firstInput.DType) };
    }

    /// <summary>
    /// Every call of the layer: the tensors whose shapes it takes (main input first) and every tensor it receives in Keras'
    /// order, for the "Connected to" column (Keras 3 also lists keyword-argument tensors such as <c>initial_state</c>:
    /// positional arguments first, then keyword arguments by name, each flattened depth first).
    /// </summary>
    private static (List<List<TensorRef>> Calls, List<List<TensorRef>> Connections) ParseInboundNodes(FunctionalLayer layer)
    {
        var calls = new List<List<TensorRef>>();
        var connections = new List<List<TensorRef>>();
        if (!layer.Entry.TryGet("inbound_nodes", out Json inbound))
        {
            throw Fail.Error(layer.Entry.Path, "expected inbound_nodes: a layer of a Functional model must be called on an input");
        }

        foreach (Json call in inbound.Items())
        {
            var refs = new List<TensorRef>();
            List<TensorRef> received;
            if (call.Kind == JsonValueKind.Object)
            {
                // Keras 3: {"args": [tensor or [tensors]], "kwargs": {...}}; only args carry the layer's inputs.
                received = [];
                if (call.TryGet("args", out Json args))
                {
                    foreach (Json arg in args.Items())
                    {
                        CollectKerasTensors(arg, refs, depth: 0);
                    }

                    CollectAllKerasTensors(args, received);
                }

                if (call.TryGet("kwargs", out Json kwargs) && kwargs.Kind == JsonValueKind.Object)
                {
                    foreach (Json argument in kwargs.PropertiesByName())
                    {
                        CollectAllKerasTensors(argument, received);
                    }
                }
            }
            else
            {
                // Keras 2: [[layer, node, tensor, kwargs], ...]
                foreach (Json item in call.Items())
                {
                    refs.Add(TensorRef.FromList(item));
                }

                received = refs;
            }

            if (refs.Count == 0)
            {
                throw Fail.Error(call.Path, "expected at least one input tensor");
            }

            calls.Add(refs);
            connections.Add(received);
        }

        if (calls.Count == 0)
        {
            throw Fail.Error(inbound.Path, "the layer is never called, so its input is unknown");
        }

        return (calls, connections);
    }

    /// <summary>Every <c>__keras_tensor__</c> in a value, depth first, as Keras' <c>tree.flatten</c> orders them (the parser bounds the depth).</summary>
    private static void CollectAllKerasTensors(Json value, List<TensorRef> refs)
    {
        if (value.Kind == JsonValueKind.Array)
        {
            foreach (Json item in value.Items())
            {
                CollectAllKerasTensors(item, refs);
            }
        }
        else if (value.Kind == JsonValueKind.Object)
        {
            if (value.OptString("class_name") == "__keras_tensor__")
            {
                refs.Add(TensorRef.FromList(value.Get("config").Get("keras_history")));
                return;
            }

            foreach (Json item in value.PropertiesByName())
            {
                CollectAllKerasTensors(item, refs);
            }
        }
    }

    private static void CollectKerasTensors(Json value, List<TensorRef> refs, int depth)
    {
        if (value.Kind == JsonValueKind.Array && depth == 0)
        {
            foreach (Json item in value.Items())
            {
                CollectKerasTensors(item, refs, depth + 1);
            }
        }
        else if (value.Kind == JsonValueKind.Object && value.OptString("class_name") == "__keras_tensor__")
        {
            refs.Add(TensorRef.FromList(value.Get("config").Get("keras_history")));
        }
    }

    /// <summary>input_layers / output_layers: <c>[name, node, tensor]</c> for one, or a list of those.</summary>
    private static List<TensorRef> TensorRefs(Json value)
    {
        if (value.Length > 0 && value[0].Kind == JsonValueKind.String)
        {
            return [TensorRef.FromList(value)];
        }

        return value.Items().Select(TensorRef.FromList).ToList();
    }

    private sealed class FunctionalLayer
    {
        public FunctionalLayer(Json entry, string name, string className)
        {
            Entry = entry;
            Name = name;
            ClassName = className;
        }

        public Json Entry { get; }

        public string Name { get; }

        public string ClassName { get; }

        public KerasNode? Node { get; set; }

        public OutputShape? InputShape { get; set; }

        public string? DType { get; set; }

        public List<List<TensorRef>> Calls { get; set; } = [];

        public List<List<TensorRef>> Connections { get; set; } = [];

        public Dictionary<int, NodeResult> Results { get; } = [];

        public HashSet<int> InProgress { get; } = [];
    }

    private readonly struct TensorRef
    {
        public TensorRef(string layer, int node, int tensor, string path)
        {
            Layer = layer;
            Node = node;
            Tensor = tensor;
            Path = path;
        }

        public string Layer { get; }

        public int Node { get; }

        public int Tensor { get; }

        public string Path { get; }

        public static TensorRef FromList(Json item)
        {
            if (item.Length < 3)
            {
                throw Fail.Error(item.Path, "expected a tensor reference [layer name, node index, tensor index]");
            }

            int node = item[1].Int();
            int tensor = item[2].Int();
            if (node < 0 || tensor < 0)
            {
                throw Fail.Error(item.Path, "expected node and tensor indices of 0 or more");
            }

            return new TensorRef(item[0].String(), node, tensor, item.Path);
        }
    }

    /// <summary>Evaluates calls in dependency order with an explicit stack: no recursion, cycles reported.</summary>
    private sealed class Evaluator
    {
        private readonly Dictionary<string, FunctionalLayer> byName;

        public Evaluator(Dictionary<string, FunctionalLayer> byName)
        {
            this.byName = byName;
        }

        public OutputShape Resolve(TensorRef reference)
        {
            FunctionalLayer layer = Layer(reference);
            Evaluate(layer, reference.Node);
            IReadOnlyList<OutputShape> outputs = Outputs(layer, reference.Node);
            if (reference.Tensor >= outputs.Count)
            {
                throw Fail.Error(reference.Path, string.Format(CultureInfo.InvariantCulture, "'{0}' returns {1} tensor(s); there is no tensor {2}", reference.Layer, outputs.Count, reference.Tensor));
            }

            return outputs[reference.Tensor];
        }

        public void Evaluate(FunctionalLayer root, int rootCall)
        {
            if (Done(root, rootCall))
            {
                return;
            }

            var stack = new Stack<(FunctionalLayer Layer, int Call)>();
            stack.Push((root, rootCall));
            while (stack.Count > 0)
            {
                (FunctionalLayer layer, int call) = stack.Peek();
                if (Done(layer, call))
                {
                    stack.Pop();
                    continue;
                }

                if (call >= layer.Calls.Count)
                {
                    throw Fail.Error(layer.Entry.Path, string.Format(CultureInfo.InvariantCulture, "'{0}' is called {1} time(s); there is no call {2}", layer.Name, layer.Calls.Count, call));
                }

                layer.InProgress.Add(call);
                bool waiting = false;
                foreach (TensorRef input in layer.Calls[call])
                {
                    FunctionalLayer source = Layer(input);
                    if (!Done(source, input.Node))
                    {
                        if (source.InProgress.Contains(input.Node))
                        {
                            throw Fail.Error(input.Path, "the graph has a cycle through '" + input.Layer + "'");
                        }

                        stack.Push((source, input.Node));
                        waiting = true;
                    }
                }

                if (waiting)
                {
                    continue;
                }

                var shapes = new List<OutputShape>();
                foreach (TensorRef input in layer.Calls[call])
                {
                    IReadOnlyList<OutputShape> produced = Outputs(Layer(input), input.Node);
                    if (input.Tensor >= produced.Count)
                    {
                        throw Fail.Error(input.Path, string.Format(CultureInfo.InvariantCulture, "'{0}' returns {1} tensor(s); there is no tensor {2}", input.Layer, produced.Count, input.Tensor));
                    }

                    shapes.Add(produced[input.Tensor]);
                }

                KerasNode node = layer.Node!;
                layer.Results[call] = node.Evaluate(node.TakesList ? shapes : new[] { shapes[0] });
                layer.InProgress.Remove(call);
                stack.Pop();
            }
        }

        private static bool Done(FunctionalLayer layer, int call) => layer.Node is null || layer.Results.ContainsKey(call);

        private static IReadOnlyList<OutputShape> Outputs(FunctionalLayer layer, int call)
        {
            if (layer.Node is null)
            {
                if (call != 0)
                {
                    throw Fail.Error(layer.Entry.Path, "an InputLayer has one node, 0");
                }

                return new[] { layer.InputShape! };
            }

            return layer.Results[call].Outputs;
        }

        private FunctionalLayer Layer(TensorRef reference) =>
            byName.TryGetValue(reference.Layer, out FunctionalLayer? layer)
                ? layer
                : Fail.At<FunctionalLayer>(reference.Path, "no layer is named '" + reference.Layer + "'");
    }
}
