using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>
/// Runs a module tree's forward pass over shapes and records it as torchinfo 1.8 does (<c>torchinfo/torchinfo.py</c>):
/// <c>apply_hooks</c> registers every module at the last place a depth-first walk meets it, every call appends a
/// <c>LayerInfo</c> (marked recursive when its module was met before), and <c>add_missing_container_layers</c> then
/// inserts the containers a call's ancestry lacks. Without an input the walk itself lists the modules.
/// </summary>
/// <remarks>Object identity matters as in Python: a container inserted twice is the same row object twice.</remarks>
internal sealed class TorchTrace
{
    /// <summary>The most module visits a walk or a forward pass may make (shared modules multiply visits).</summary>
    private const int MaxSteps = 1_000_000;

    private readonly bool record;
    private readonly Dictionary<TorchModule, Info> registered = new(ReferenceComparer.Instance);
    private readonly List<Info> infos = [];
    private readonly HashSet<TorchModule> seen = new(ReferenceComparer.Instance);
    private int steps;

    private TorchTrace(bool record)
    {
        this.record = record;
    }

    /// <summary>Gets the rows in torchinfo's order (an object may appear twice).</summary>
    public IReadOnlyList<Info> Infos => infos;

    /// <summary>Gets what the model returned, or <see langword="null"/> without a forward pass.</summary>
    public Tensor? Output { get; private set; }

    /// <summary>Runs a module on one input without recording (a module built on its own).</summary>
    public static Tensor Evaluate(TorchModule module, Tensor input) => Evaluate(module, string.Empty, input);

    /// <summary>Runs a module on one input without recording; errors name it by <paramref name="path"/>.</summary>
    public static Tensor Evaluate(TorchModule module, string path, Tensor input) =>
        new TorchTrace(record: false).Invoke(module, path, [input]);

    /// <summary>Summarizes a model as torchinfo does: with <paramref name="inputs"/> through a forward pass, without them by walking the modules.</summary>
    public static TorchTrace Summarize(TorchModule root, Tensor[]? inputs)
    {
        var trace = new TorchTrace(record: true);
        trace.ApplyHooks(root, direct: inputs is null);
        if (inputs is not null)
        {
            trace.Output = trace.Invoke(root, string.Empty, inputs);
            trace.AddMissingContainerLayers();
        }

        return trace;
    }

    /// <summary>The summary of a traced model: one row per <see cref="Info"/> object (a row object listed twice stays one object).</summary>
    public ModelSummary ToSummary(TorchModule root, OutputShape? input, ElementType inputElementType)
    {
        var rows = new Dictionary<Info, LayerSummary>(ReferenceComparer.Instance);
        var parameters = new Dictionary<TorchModule, IReadOnlyList<WeightTensor>>(ReferenceComparer.Instance);
        var list = new List<LayerSummary>(infos.Count);
        foreach (Info info in infos)
        {
            if (!rows.TryGetValue(info, out LayerSummary? row))
            {
                row = Row(info, parameters);
                rows.Add(info, row);
            }

            list.Add(row);
        }

        Tensor? output = Output is null ? null : FirstTensor([Output]);
        return new ModelSummary(root.ClassName, Convention.Torch, input, list)
        {
            Output = Shape(output),
            InputElementType = inputElementType,
            Module = root,
        };
    }

    /// <summary>One call of a module (or, in a walk, one visit), torchinfo's <c>LayerInfo</c>.</summary>
    public Tensor Invoke(TorchModule module, string path, Tensor[] inputs)
    {
        Step();
        Info? info = null;
        if (record)
        {
            Info registration = registered[module];
            info = new Info(module, registration.VarName, registration.Path, registration.Depth, registration.Parent);
            PreHook(info);
        }

        Tensor output;
        try
        {
            output = module.Forward(new ForwardContext(this, module, path, inputs));
        }
        catch (ForwardFailure failure) when (!failure.Located)
        {
            throw ForwardFailure.At(path, module.ClassName, failure.Problem, failure);
        }

        if (info is not null)
        {
            info.Inputs = inputs;
            info.Output = output;
            info.Executed = true;
        }

        return output;
    }

    /// <summary>torchinfo's <c>calculate_size</c>: the first tensor of a value (a packed sequence's data), or none.</summary>
    public static Tensor? FirstTensor(IReadOnlyList<Tensor> values) =>
        values.SelectMany(v => v.Leaves()).FirstOrDefault();

    private static LayerSummary Row(Info info, Dictionary<TorchModule, IReadOnlyList<WeightTensor>> parameters)
    {
        TorchModule module = info.Module;
        if (!parameters.TryGetValue(module, out IReadOnlyList<WeightTensor>? weights))
        {
            weights = module.NamedParameters();
            parameters.Add(module, weights);
        }

        string prefix = info.Path.Length == 0 ? string.Empty : info.Path + ".";
        bool leaf = module.Children.Count == 0;
        Tensor? output = info.Output is null ? null : FirstTensor([info.Output]);
        OutputShape[] outputs = info.Output is null ? [OutputShape.Unknown] : info.Output.Leaves().Select(Shape).DefaultIfEmpty(OutputShape.Unknown).ToArray();
        return new LayerSummary(info.Path.Length == 0 ? info.VarName : info.Path, module.ClassName, outputs, WeightSequence.Map(weights, w => w with { Path = prefix + w.Name }))
        {
            InputShape = info.Executed ? Shape(FirstTensor(info.Inputs!)) : null,
            Depth = info.Depth,
            IsLeaf = leaf,
            IsRecursive = info.IsRecursive,
            KernelSize = module.KernelSize,
            OutputElementType = output?.ElementType,
            Derivation = leaf ? module.Derivation : null,
            MacsPerStep = leaf && info.Executed ? module.MacsPerStep : 0,
        };
    }

    private static OutputShape Shape(Tensor? tensor) =>
        tensor is null || tensor.Dims.Length == 0 ? OutputShape.Unknown : new OutputShape(tensor.Dims.Select(d => (long?)d).ToArray());

    private void PreHook(Info info)
    {
        if (seen.Contains(info.Module))
        {
            info.IsRecursive = true;
        }

        infos.Add(info);
        seen.Add(info.Module);
    }

    /// <summary>torchinfo's <c>apply_hooks</c>: a depth-first walk in registration order, the last visit of a module deciding its name, depth and parent.</summary>
    private void ApplyHooks(TorchModule root, bool direct)
    {
        var stack = new Stack<(string VarName, string Path, TorchModule Module, int Depth, Info? Parent)>();
        stack.Push((root.ClassName, string.Empty, root, 0, null));
        while (stack.Count > 0)
        {
            Step();
            (string varName, string path, TorchModule module, int depth, Info? parent) = stack.Pop();
            var fallback = new Info(module, varName, path, depth, parent);
            registered[module] = fallback;
            if (direct)
            {
                PreHook(new Info(module, varName, path, depth, parent));
            }

            IReadOnlyList<(string Name, TorchModule Module)> children = module.Children;
            for (int k = children.Count - 1; k >= 0; k--)
            {
                stack.Push((children[k].Name, TorchModule.Join(path, children[k].Name), children[k].Module, depth + 1, fallback));
            }
        }
    }

    /// <summary>torchinfo's <c>add_missing_container_layers</c>, iteration over the growing list included.</summary>
    private void AddMissingContainerLayers()
    {
        var layerIds = new HashSet<TorchModule>(infos.Select(i => i.Module), ReferenceComparer.Instance);
        var current = new Dictionary<int, Info>();
        for (int index = 0; index < infos.Count; index++)
        {
            Info info = infos[index];
            int inserted = 0;
            var hierarchy = new Dictionary<int, Info>();
            for (Info? parent = info.Parent; parent is not null && parent.Depth > 0; parent = parent.Parent)
            {
                hierarchy[parent.Depth] = parent;
            }

            for (int depth = 1; depth < info.Depth; depth++)
            {
                int before = index + inserted - 1;
                Info previous = infos[before < 0 ? before + infos.Count : before];
                Info ancestor = hierarchy[depth];
                bool shown = current.TryGetValue(depth, out Info? shownAt) && ReferenceEquals(shownAt.Module, ancestor.Module);
                if (!shown && !ReferenceEquals(ancestor, previous))
                {
                    if (layerIds.Contains(ancestor.Module))
                    {
                        ancestor.IsRecursive = true;
                    }

                    infos.Insert(index + inserted, ancestor);
                    layerIds.Add(ancestor.Module);
                    current[depth] = ancestor;
                    inserted++;
                }
            }

            current[info.Depth] = info;
            for (int deeper = info.Depth + 1; current.Remove(deeper); deeper++)
            {
            }
        }
    }

    private void Step()
    {
        if (++steps > MaxSteps)
        {
            throw new InvalidOperationException("The model visits more than " + MaxSteps.ToString("N0", CultureInfo.InvariantCulture) + " modules (modules shared very often, or a forward pass that calls modules without end); torchinfo would not finish either.");
        }
    }

    /// <summary>torchinfo's <c>LayerInfo</c>: a module as one row, at the place it was registered.</summary>
    internal sealed class Info
    {
        public Info(TorchModule module, string varName, string path, int depth, Info? parent)
        {
            Module = module;
            VarName = varName;
            Path = path;
            Depth = depth;
            Parent = parent;
        }

        public TorchModule Module { get; }

        public string VarName { get; }

        public string Path { get; }

        public int Depth { get; }

        public Info? Parent { get; }

        public bool IsRecursive { get; set; }

        public bool Executed { get; set; }

        public Tensor[]? Inputs { get; set; }

        public Tensor? Output { get; set; }
    }
}
