using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Import.Internal;

/// <summary>A Keras Sequential model: its layers evaluated one after another on its input.</summary>
internal sealed class SequentialGraph : KerasGraph
{
    private readonly List<KerasNode> nodes;
    private readonly List<OutputShape?> built;
    private readonly OutputShape? declared;
    private readonly string? dtype;
    private readonly string path;

    private SequentialGraph(string name, List<KerasNode> nodes, List<OutputShape?> built, OutputShape? declared, string? dtype, string path)
        : base(name)
    {
        this.nodes = nodes;
        this.built = built;
        this.declared = declared;
        this.dtype = dtype;
        this.path = path;
    }

    public static SequentialGraph Read(Json model, KerasReading reading, string fallbackName)
    {
        Json config = model.Get("config");
        Json layers;
        string name = fallbackName;
        if (config.Kind == JsonValueKind.Array)
        {
            layers = config; // Keras 1 and 2.0: the config is the list of layers.
        }
        else
        {
            layers = config.Object().Get("layers");
            name = config.OptString("name") is { Length: > 0 } n ? n : name;
        }

        Limits.Layers(layers.Length, reading.Options, layers.Path);
        OutputShape? input = null;
        string? dtype = null;
        var nodes = new List<KerasNode>();
        var builtInputs = new List<OutputShape?>();
        int index = 0;
        foreach (Json entry in layers.Items())
        {
            string className = KerasLayers.ClassOf(entry.Object());
            Json layerConfig = entry.Get("config");
            if (nodes.Count == 0 && input is null && layerConfig.Kind == JsonValueKind.Object)
            {
                input = KerasShapes.InputShapeOf(layerConfig, className);
                dtype = KerasShapes.DType(layerConfig);
            }

            if (className != "InputLayer")
            {
                nodes.Add(KerasLayers.Create(entry, Limits.Name(KerasLayers.NameOf(entry, className, index), reading.Options, entry.Path), className, reading));
                builtInputs.Add(BuiltInput(entry));
            }

            index++;
        }

        if (input is null && config.Kind == JsonValueKind.Object && config.TryGet("build_input_shape", out Json built))
        {
            input = KerasShapes.ToShape(built);
        }

        if (input is null && model.TryGet("build_config", out Json buildConfig) && buildConfig.Kind == JsonValueKind.Object && buildConfig.TryGet("input_shape", out Json builtShape))
        {
            input = KerasShapes.ToShape(builtShape);
        }

        if (nodes.Count == 0)
        {
            throw Fail.Error(layers.Path, "expected at least one layer besides the input");
        }

        return new SequentialGraph(name, nodes, builtInputs, input, dtype, config.Path);
    }

    /// <summary>
    /// The input shape Keras 3 recorded when it built a layer (<c>build_config.input_shape</c>), or <see langword="null"/>.
    /// It stands in for an input that the previous layer's output cannot give (a custom layer the reader does not know),
    /// so that one uncounted layer does not leave every later layer uncounted.
    /// </summary>
    internal static OutputShape? BuiltInput(Json entry)
    {
        if (entry.Kind == JsonValueKind.Object && entry.TryGet("build_config", out Json buildConfig) && buildConfig.Kind == JsonValueKind.Object
            && buildConfig.TryGet("input_shape", out Json shape) && shape.Kind == JsonValueKind.Array && shape.Length > 0
            && shape.Items().All(d => d.Kind is JsonValueKind.Number or JsonValueKind.Null))
        {
            return KerasShapes.ToShape(shape);
        }

        return null;
    }

    public override GraphResult Evaluate(IReadOnlyList<OutputShape>? inputs, KerasReading reading)
    {
        OutputShape input = inputs?[0] ?? declared ?? nodes[0].OwnInput(reading)
            ?? Fail.At<OutputShape>(path, "the Sequential model has no input shape (no batch_shape, batch_input_shape or build_input_shape): it was saved before it was built; build it on an input, or add an Input, and save again");
        var rows = new List<LayerSummary>(nodes.Count);
        OutputShape current = input;
        var none = new Dictionary<string, OutputShape>();
        for (int k = 0; k < nodes.Count; k++)
        {
            KerasNode node = nodes[k];
            if (!current.IsKnown && built[k] is { } recorded)
            {
                current = recorded;
            }

            NodeResult result = node.Evaluate(new CallInputs(new[] { current }, none), reading);
            rows.Add(Row(node, result));
            current = result.Outputs[0];
        }

        return new GraphResult(rows, new[] { current }, input, dtype);
    }
}

/// <summary>
/// A Keras Functional model: its nodes evaluated in dependency order with an explicit stack (no recursion, cycles
/// reported), with branches, merges, shared layers (one row per layer, several calls), several inputs and outputs.
/// </summary>
internal sealed class FunctionalGraph : KerasGraph
{
    private readonly List<FunctionalLayer> layers;
    private readonly Dictionary<string, FunctionalLayer> byName;
    private readonly List<TensorRef> inputs;
    private readonly List<TensorRef> outputs;

    private FunctionalGraph(string name, List<FunctionalLayer> layers, Dictionary<string, FunctionalLayer> byName, List<TensorRef> inputs, List<TensorRef> outputs)
        : base(name)
    {
        this.layers = layers;
        this.byName = byName;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static FunctionalGraph Read(Json model, KerasReading reading, string fallbackName)
    {
        Json config = model.Get("config").Object();
        string name = config.OptString("name") is { Length: > 0 } n ? n : fallbackName;
        var layers = new List<FunctionalLayer>();
        var byName = new Dictionary<string, FunctionalLayer>(StringComparer.Ordinal);
        int index = 0;
        Json list = config.Get("layers");
        Limits.Layers(list.Length, reading.Options, list.Path);
        foreach (Json entry in list.Items())
        {
            entry.Object();
            string className = KerasLayers.ClassOf(entry);
            string layerName = Limits.Name(entry.OptString("name") is { Length: > 0 } outer ? outer : KerasLayers.NameOf(entry, className, index), reading.Options, entry.Path);
            var layer = new FunctionalLayer(entry, layerName);
            if (className == "InputLayer")
            {
                Json layerConfig = entry.Get("config").Object();
                layer.InputShape = InputLayerShape(layerConfig);
                layer.DType = KerasShapes.DType(layerConfig);
            }
            else
            {
                layer.Node = KerasLayers.Create(entry, layerName, className, reading);
            }

            if (byName.ContainsKey(layerName))
            {
                throw Fail.Error(entry.Path, "a second layer is named '" + layerName + "'; layer names must be unique");
            }

            byName.Add(layerName, layer);
            layers.Add(layer);
            index++;
        }

        if (layers.Count == 0)
        {
            throw Fail.Error(config.Path + ".layers", "expected at least one layer");
        }

        foreach (FunctionalLayer layer in layers.Where(l => l.Node is not null))
        {
            layer.Calls = ParseInboundNodes(layer.Entry);
            foreach (TensorRef reference in layer.Calls.SelectMany(call => call.Connections).Where(r => !byName.ContainsKey(r.Layer)))
            {
                throw Fail.Error(reference.Path, "no layer is named '" + reference.Layer + "'");
            }
        }

        List<TensorRef> inputs = TensorRefs(config.Get("input_layers"));
        List<TensorRef> outputs = TensorRefs(config.Get("output_layers"));
        if (inputs.Count == 0 || outputs.Count == 0)
        {
            throw Fail.Error(config.Path, "expected at least one input and one output in input_layers / output_layers");
        }

        foreach (TensorRef reference in inputs.Concat(outputs).Where(r => !byName.ContainsKey(r.Layer)))
        {
            throw Fail.Error(reference.Path, "no layer is named '" + reference.Layer + "'");
        }

        return new FunctionalGraph(name, layers, byName, inputs, outputs);
    }

    public override GraphResult Evaluate(IReadOnlyList<OutputShape>? given, KerasReading reading)
    {
        var evaluator = new Evaluator(byName, inputs, given);
        foreach (FunctionalLayer layer in layers)
        {
            for (int call = 0; call < Math.Max(1, layer.Calls.Count); call++)
            {
                evaluator.Evaluate(layer, call, reading);
            }
        }

        var rows = layers.Select(layer => layer.Node is null
            ? new LayerSummary(layer.Name, "InputLayer", new[] { evaluator.InputOf(layer) }, Array.Empty<Formulas.WeightTensor>())
            : Row(layer.Node, evaluator.Result(layer, 0), layer.Calls.Select(call => (IReadOnlyList<InboundTensor>)call.Connections.Select(r => new InboundTensor(r.Layer, r.Node, r.Tensor)).ToArray()).ToArray())).ToList();

        OutputShape input = evaluator.Resolve(inputs[0], reading);
        OutputShape[] results = outputs.Select(o => evaluator.Resolve(o, reading)).ToArray();
        foreach (TensorRef other in inputs.Skip(1))
        {
            evaluator.Resolve(other, reading);
        }

        return new GraphResult(rows, results, input, byName[inputs[0].Layer].DType);
    }

    /// <summary>An InputLayer's shape: <c>batch_shape</c> / <c>batch_input_shape</c>, or its <c>shape</c> / <c>input_shape</c> without the batch.</summary>
    private static OutputShape InputLayerShape(Json layerConfig)
    {
        if (KerasShapes.InputShapeOf(layerConfig, "InputLayer") is OutputShape shape)
        {
            return shape;
        }

        if (new KerasConfig(layerConfig).TryGet(out Json unbatched, "shape"))
        {
            return new OutputShape(new long?[] { null }.Concat(unbatched.Shape()).ToArray());
        }

        return Fail.At<OutputShape>(layerConfig.Path, "expected batch_shape or batch_input_shape on the InputLayer");
    }

    /// <summary>
    /// Every call of the layer: its positional tensors, its tensor keyword arguments, and every tensor it receives in Keras'
    /// order for the "Connected to" column (Keras 3 also lists keyword-argument tensors such as <c>initial_state</c>:
    /// positional arguments first, then keyword arguments by name, each flattened depth first).
    /// </summary>
    private static List<Call> ParseInboundNodes(Json entry)
    {
        var calls = new List<Call>();
        if (!entry.TryGet("inbound_nodes", out Json inbound))
        {
            throw Fail.Error(entry.Path, "expected inbound_nodes: a layer of a Functional model must be called on an input");
        }

        foreach (Json node in inbound.Items())
        {
            var call = new Call();
            if (node.Kind == JsonValueKind.Object)
            {
                // Keras 3: {"args": [tensor or [tensors]], "kwargs": {...}}.
                if (node.TryGet("args", out Json args))
                {
                    foreach (Json arg in args.Items())
                    {
                        CollectKerasTensors(arg, call.Args, depth: 0);
                    }

                    CollectAllKerasTensors(args, call.Connections);
                }

                if (node.TryGet("kwargs", out Json kwargs) && kwargs.Kind == JsonValueKind.Object)
                {
                    foreach (Json argument in kwargs.PropertiesByName())
                    {
                        string key = argument.Path.Substring(argument.Path.LastIndexOf('.') + 1);
                        if (argument.Kind == JsonValueKind.Object && argument.OptString("class_name") == "__keras_tensor__")
                        {
                            call.Kwargs[key] = TensorRef.FromKerasTensor(argument);
                        }

                        CollectAllKerasTensors(argument, call.Connections);
                    }
                }
            }
            else
            {
                // Keras 1 and 2, TensorFlow.js: [[layer, node, tensor, kwargs], ...]; tf.keras writes a tensor keyword argument
                // (MultiHeadAttention's value) as [layer, node, tensor] in the first item's kwargs.
                foreach (Json item in node.Items())
                {
                    call.Args.Add(TensorRef.FromList(item));
                    if (item.Length > 3 && item[3].Kind == JsonValueKind.Object)
                    {
                        foreach (Json argument in item[3].PropertiesByName())
                        {
                            if (argument.Kind == JsonValueKind.Array && argument.Length >= 3 && argument[0].Kind == JsonValueKind.String)
                            {
                                call.Kwargs[argument.Path.Substring(argument.Path.LastIndexOf('.') + 1)] = TensorRef.FromList(argument);
                            }
                        }
                    }
                }

                call.Connections.AddRange(call.Args);
                call.Connections.AddRange(call.Kwargs.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Value));
            }

            if (call.Args.Count == 0 && call.Kwargs.Count == 0)
            {
                throw Fail.Error(node.Path, "expected at least one input tensor");
            }

            calls.Add(call);
        }

        if (calls.Count == 0)
        {
            throw Fail.Error(inbound.Path, "the layer is never called, so its input is unknown");
        }

        return calls;
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
                refs.Add(TensorRef.FromKerasTensor(value));
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
            refs.Add(TensorRef.FromKerasTensor(value));
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

    private sealed class Call
    {
        public List<TensorRef> Args { get; } = [];

        public Dictionary<string, TensorRef> Kwargs { get; } = new(StringComparer.Ordinal);

        public List<TensorRef> Connections { get; } = [];
    }

    private sealed class FunctionalLayer
    {
        public FunctionalLayer(Json entry, string name)
        {
            Entry = entry;
            Name = name;
        }

        public Json Entry { get; }

        public string Name { get; }

        public KerasNode? Node { get; set; }

        public OutputShape? InputShape { get; set; }

        public string? DType { get; set; }

        public List<Call> Calls { get; set; } = [];
    }

    private readonly struct TensorRef
    {
        public TensorRef(string layer, int node, int tensor, string path, OutputShape? recorded = null)
        {
            Layer = layer;
            Node = node;
            Tensor = tensor;
            Path = path;
            Recorded = recorded;
        }

        /// <summary>Gets the shape Keras 3 wrote into the <c>__keras_tensor__</c> (its <c>config.shape</c>), or <see langword="null"/>.</summary>
        public OutputShape? Recorded { get; }

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

        /// <summary>A Keras 3 <c>__keras_tensor__</c>: its <c>keras_history</c>, and the shape it records when that is a list of dimensions.</summary>
        public static TensorRef FromKerasTensor(Json kerasTensor)
        {
            Json config = kerasTensor.Get("config");
            TensorRef reference = FromList(config.Get("keras_history"));
            OutputShape? recorded = config.Kind == JsonValueKind.Object && config.TryGet("shape", out Json shape) && shape.Kind == JsonValueKind.Array && shape.Length > 0
                && shape.Items().All(d => d.Kind is JsonValueKind.Number or JsonValueKind.Null)
                ? KerasShapes.ToShape(shape)
                : null;
            return new TensorRef(reference.Layer, reference.Node, reference.Tensor, reference.Path, recorded);
        }
    }

    /// <summary>Evaluates calls in dependency order with an explicit stack: no recursion, cycles reported. One per evaluation.</summary>
    private sealed class Evaluator
    {
        private readonly Dictionary<string, FunctionalLayer> byName;
        private readonly Dictionary<(FunctionalLayer Layer, int Call), NodeResult> results = [];
        private readonly HashSet<(FunctionalLayer Layer, int Call)> inProgress = [];
        private readonly Dictionary<FunctionalLayer, OutputShape> given = [];

        public Evaluator(Dictionary<string, FunctionalLayer> byName, List<TensorRef> inputs, IReadOnlyList<OutputShape>? shapes)
        {
            this.byName = byName;
            if (shapes is not null)
            {
                for (int k = 0; k < Math.Min(inputs.Count, shapes.Count); k++)
                {
                    given[byName[inputs[k].Layer]] = shapes[k];
                }
            }
        }

        public OutputShape InputOf(FunctionalLayer layer) => given.TryGetValue(layer, out OutputShape? shape) ? shape : layer.InputShape!;

        public NodeResult Result(FunctionalLayer layer, int call) => results[(layer, call)];

        public OutputShape Resolve(TensorRef reference, KerasReading reading)
        {
            FunctionalLayer layer = Layer(reference);
            Evaluate(layer, reference.Node, reading);
            return Output(reference);
        }

        public void Evaluate(FunctionalLayer root, int rootCall, KerasReading reading)
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

                inProgress.Add((layer, call));
                bool waiting = false;
                Call received = layer.Calls[call];
                foreach (TensorRef input in received.Args.Concat(received.Kwargs.Values))
                {
                    FunctionalLayer source = Layer(input);
                    if (!Done(source, input.Node))
                    {
                        if (inProgress.Contains((source, input.Node)))
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

                var args = received.Args.Select(Output).ToArray();
                var kwargs = received.Kwargs.ToDictionary(k => k.Key, k => Output(k.Value), StringComparer.Ordinal);
                results[(layer, call)] = layer.Node!.Evaluate(new CallInputs(args, kwargs), reading);
                inProgress.Remove((layer, call));
                stack.Pop();
            }
        }

        private bool Done(FunctionalLayer layer, int call) => layer.Node is null || results.ContainsKey((layer, call));

        /// <summary>The tensor a reference names; any tensor of a layer that could not be counted is unknown.</summary>
        private OutputShape Output(TensorRef reference)
        {
            FunctionalLayer layer = Layer(reference);
            IReadOnlyList<OutputShape> produced;
            if (layer.Node is null)
            {
                if (reference.Node != 0)
                {
                    throw Fail.Error(layer.Entry.Path, "an InputLayer has one node, 0");
                }

                produced = new[] { InputOf(layer) };
            }
            else
            {
                NodeResult result = results[(layer, reference.Node)];
                if (result.Basis == CountBasis.LowerBound && result.Outputs.Count == 1 && !result.Outputs[0].IsKnown)
                {
                    // A layer that could not be counted: Keras 3 still recorded the shape of the tensor it returned.
                    return reference.Recorded ?? OutputShape.Unknown;
                }

                produced = result.Outputs;
            }

            if (reference.Tensor >= produced.Count)
            {
                throw Fail.Error(reference.Path, string.Format(CultureInfo.InvariantCulture, "'{0}' returns {1} tensor(s); there is no tensor {2}", reference.Layer, produced.Count, reference.Tensor));
            }

            return produced[reference.Tensor];
        }

        private FunctionalLayer Layer(TensorRef reference) =>
            byName.TryGetValue(reference.Layer, out FunctionalLayer? layer)
                ? layer
                : Fail.At<FunctionalLayer>(reference.Path, "no layer is named '" + reference.Layer + "'");
    }
}
