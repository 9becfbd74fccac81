using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Torch.Pickle;

namespace RecurrentParams.Import.Torch;

/// <summary>
/// Finds the model in an unpickled PyTorch object: a module tree (a pickled <c>nn.Module</c> or TorchScript module), a
/// state dict at the root, or the state dict a checkpoint wraps (<c>model_state_dict</c>, Lightning's <c>state_dict</c>,
/// ...), told apart from optimizer state and other entries; then summarizes it.
/// </summary>
internal sealed class TorchContent
{
    /// <summary>Keys that name a checkpoint's model, best first; a key not listed still qualifies when its dict looks like a state dict.</summary>
    private static readonly string[] ModelKeys =
    [
        "state_dict", "model_state_dict", "model_state", "model", "module", "net", "network", "model_dict", "net_state_dict",
        "state", "weights", "params", "parameters", "generator", "encoder", "model_ema", "state_dict_ema", "ema",
    ];

    private readonly ModelReaderOptions options;
    private readonly Func<PickleGlobal, (ISet<string> Parameters, ISet<string> Buffers)?> scriptLists;
    private readonly Dictionary<object, string> visitedModules = new(ReferenceComparer<object>.Instance);
    private readonly Dictionary<TorchTensor, string> seenTensors = new(ReferenceComparer<TorchTensor>.Instance);
    private int moduleCount;

    private TorchContent(ModelReaderOptions options, Func<PickleGlobal, (ISet<string> Parameters, ISet<string> Buffers)?> scriptLists)
    {
        this.options = options;
        this.scriptLists = scriptLists;
    }

    /// <summary>Summarizes the model in <paramref name="root"/>; <paramref name="metadata"/> receives what was found where.</summary>
    /// <param name="name">The summary's name.</param>
    /// <param name="format">The file's format.</param>
    /// <param name="root">The unpickled object.</param>
    /// <param name="options">The limits.</param>
    /// <param name="scriptLists">For TorchScript, the <c>__parameters__</c> and <c>__buffers__</c> a class's code declares, or <see langword="null"/> when unknown.</param>
    /// <param name="metadata">Metadata to add to.</param>
    /// <param name="where">The pickle, for messages.</param>
    public static TorchReadResult Summarize(
        string name,
        ModelFileFormat format,
        object? root,
        ModelReaderOptions options,
        Func<PickleGlobal, (ISet<string> Parameters, ISet<string> Buffers)?> scriptLists,
        Dictionary<string, string> metadata,
        string where)
    {
        var content = new TorchContent(options, scriptLists);
        return content.Run(name, format, root, metadata, where);
    }

    /// <summary>Every tensor reachable from <paramref name="root"/>, each once; the walk is bounded by <see cref="ModelReaderOptions.MaxDepth"/> and safe on cycles.</summary>
    public static List<TorchTensor> Reachable(object? root, ModelReaderOptions options, string where, ISet<object>? exclude = null)
    {
        var found = new List<TorchTensor>();
        var visited = new HashSet<object>(ReferenceComparer<object>.Instance);
        var pending = new Stack<(object? Value, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            (object? value, int depth) = pending.Pop();
            if (value is null or string or long or double or bool || !visited.Add(value) || (exclude is not null && exclude.Contains(value)))
            {
                continue;
            }

            if (depth > options.MaxDepth)
            {
                throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the pickled object nests deeper than the {0} levels ModelReaderOptions.MaxDepth allows", options.MaxDepth));
            }

            if (value is TorchTensor tensor)
            {
                found.Add(tensor);
                continue;
            }

            foreach (object? child in Children(value))
            {
                pending.Push((child, depth + 1));
            }
        }

        return found;
    }

    private static IEnumerable<object?> Children(object value)
    {
        switch (value)
        {
            case PickleDict dict:
                foreach (KeyValuePair<object?, object?> entry in dict.Entries)
                {
                    yield return entry.Key;
                    yield return entry.Value;
                }

                yield return dict.State;
                break;
            case PickleList list:
                foreach (object? item in list.Items)
                {
                    yield return item;
                }

                break;
            case PickleTuple tuple:
                foreach (object? item in tuple.Items)
                {
                    yield return item;
                }

                break;
            case PickleSet set:
                foreach (object? item in set.Items)
                {
                    yield return item;
                }

                break;
            case PickleObject obj:
                foreach (object? item in obj.Arguments)
                {
                    yield return item;
                }

                yield return obj.State;
                foreach (object? item in obj.Items)
                {
                    yield return item;
                }

                yield return obj.Entries;
                break;
            default:
                break;
        }
    }

    private static bool IsNnModule(object? value) =>
        value is PickleObject { Called: false, State: PickleDict state } && (state.Has("_modules") || state.Has("_parameters"));

    private static bool IsScriptModule(object? value) =>
        value is PickleObject { Called: false, State: PickleDict } obj && obj.Type.Module.StartsWith("__torch__", StringComparison.Ordinal);

    private static bool IsOptimizerState(object? value) => value is PickleDict d && d.Has("param_groups") && d.Has("state");

    private static (int Tensors, int Others) StateDictShape(PickleDict dict)
    {
        int tensors = 0;
        int others = 0;
        foreach (KeyValuePair<object?, object?> entry in dict.Entries)
        {
            if (entry.Key is string && entry.Value is TorchTensor)
            {
                tensors++;
            }
            else if (entry.Value is not null)
            {
                others++;
            }
        }

        return (tensors, others);
    }

    private static bool LooksLikeStateDict(object? value) =>
        value is PickleDict dict && StateDictShape(dict) is var (tensors, others) && tensors > 0 && tensors >= others;

    private static long Elements(IEnumerable<TorchTensor> tensors)
    {
        long total = 0;
        foreach (TorchTensor t in tensors)
        {
            total = checked(total + ElementCount(t.Size));
        }

        return total;
    }

    private static long ElementCount(IReadOnlyList<long> size)
    {
        long count = 1;
        foreach (long d in size)
        {
            if (d == 0)
            {
                return 0;
            }
        }

        foreach (long d in size)
        {
            count = checked(count * d);
        }

        return count;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private TorchReadResult Run(string name, ModelFileFormat format, object? root, Dictionary<string, string> metadata, string where)
    {
        try
        {
            return Interpret(name, format, root, metadata, where);
        }
        catch (OverflowException e)
        {
            return Fail.At<TorchReadResult>(where, "the tensors' element count does not fit in a 64-bit integer", e);
        }
    }

    private TorchReadResult Interpret(string name, ModelFileFormat format, object? root, Dictionary<string, string> metadata, string where)
    {
        // Walk everything once: bounds the depth and counts what lies outside the model.
        List<TorchTensor> all = Reachable(root, options, where);
        if (all.Count > options.MaxTensors)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the file holds {0:N0} tensors, more than the {1:N0} ModelReaderOptions.MaxTensors allows", all.Count, options.MaxTensors));
        }

        if (IsNnModule(root) || IsScriptModule(root))
        {
            metadata["content"] = format == ModelFileFormat.TorchScript ? "torchscript" : "module";
            return FromModule(name, format, (PickleObject)root!, null, all, metadata, where);
        }

        if (LooksLikeStateDict(root))
        {
            metadata["content"] = "state_dict";
            metadata["state_dict_key"] = "(root)";
            return new TorchReadResult(FromStateDict(name, format, (PickleDict)root!, all, metadata, where), null);
        }

        var candidates = new List<(string Path, string Key, object Value, int Tensors)>();
        var optimizer = new HashSet<object>(ReferenceComparer<object>.Instance);
        Search(root, string.Empty, 0, candidates, optimizer, new HashSet<object>(ReferenceComparer<object>.Instance));
        if (root is PickleDict top)
        {
            Scalars(top, metadata);
        }

        if (optimizer.Count > 0)
        {
            List<TorchTensor> optimizerTensors = optimizer.SelectMany(o => Reachable(o, options, where)).Distinct(ReferenceComparer<TorchTensor>.Instance).ToList();
            metadata["optimizer_tensors"] = Text(optimizerTensors.Count);
            metadata["optimizer_elements"] = Text(Elements(optimizerTensors));
        }

        if (candidates.Count == 0)
        {
            // No state dict and no module: every tensor the object holds, named by where it is.
            metadata["content"] = "tensors";
            var named = new List<(string, TorchTensor)>();
            Named(root, string.Empty, 0, named, new HashSet<object>(ReferenceComparer<object>.Instance), optimizer);
            return new TorchReadResult(FromTensors(name, format, named, all, optimizer, metadata, where), null);
        }

        (string path, _, object value, _) = Choose(candidates);
        metadata["content"] = "checkpoint";
        if (value is PickleObject module)
        {
            metadata["module_key"] = path;
            return FromModule(name, format, module, optimizer, all, metadata, where);
        }

        metadata["state_dict_key"] = path;
        return new TorchReadResult(FromStateDict(name, format, (PickleDict)value, all, metadata, where, optimizer), null);
    }

    private static (string Path, string Key, object Value, int Tensors) Choose(List<(string Path, string Key, object Value, int Tensors)> candidates)
    {
        foreach (string key in ModelKeys)
        {
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }
        }

        var best = candidates[0];
        foreach (var candidate in candidates)
        {
            if (candidate.Tensors > best.Tensors)
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Looks through a checkpoint's dicts (and lists) for state dicts and modules, skipping optimizer state.</summary>
    private static void Search(object? value, string path, int depth, List<(string, string, object, int)> candidates, HashSet<object> optimizer, HashSet<object> visited)
    {
        if (depth > 6 || value is null || !visited.Add(value))
        {
            return;
        }

        IEnumerable<(string Key, object? Child)> children = value switch
        {
            PickleDict dict => dict.Entries.Select(e => (Key(e.Key), e.Value)),
            PickleList list => list.Items.Select((item, k) => (Text(k), item)),
            PickleTuple tuple => tuple.Items.Select((item, k) => (Text(k), item)),
            _ => [],
        };
        foreach ((string key, object? child) in children)
        {
            if (child is null)
            {
                continue;
            }

            string childPath = path.Length == 0 ? key : path + "." + key;
            string lower = key.ToLowerInvariant();
            if (IsOptimizerState(child) || lower.Contains("optim") || lower.Contains("scaler") || lower.Contains("scheduler"))
            {
                optimizer.Add(child);
                continue;
            }

            if (IsNnModule(child) || IsScriptModule(child))
            {
                candidates.Add((childPath, key, child, int.MaxValue / 2));
            }
            else if (LooksLikeStateDict(child))
            {
                candidates.Add((childPath, key, child, StateDictShape((PickleDict)child).Tensors));
            }
            else
            {
                Search(child, childPath, depth + 1, candidates, optimizer, visited);
            }
        }
    }

    private static string Key(object? key) => key switch
    {
        string s => s,
        long l => Text(l),
        _ => PickleMachine.Describe(key),
    };

    /// <summary>The checkpoint's own scalar entries (<c>epoch</c>, <c>global_step</c>, versions) as metadata.</summary>
    private static void Scalars(PickleDict root, Dictionary<string, string> metadata)
    {
        int count = 0;
        foreach (KeyValuePair<object?, object?> entry in root.Entries)
        {
            if (count == 32 || entry.Key is not string key || key.Length > 128)
            {
                continue;
            }

            string? text = entry.Value switch
            {
                long l => Text(l),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "True" : "False",
                string s when s.Length <= 256 => s,
                _ => null,
            };
            if (text is not null)
            {
                metadata["checkpoint." + key] = text;
                count++;
            }
        }
    }

    private void Named(object? value, string path, int depth, List<(string, TorchTensor)> named, HashSet<object> visited, HashSet<object> exclude)
    {
        if (value is null || depth > options.MaxDepth || exclude.Contains(value) || !visited.Add(value))
        {
            return;
        }

        if (value is TorchTensor tensor)
        {
            named.Add((path.Length == 0 ? "(root)" : path, tensor));
            return;
        }

        IEnumerable<(string Key, object? Child)> children = value switch
        {
            PickleDict dict => dict.Entries.Select(e => (Key(e.Key), e.Value)),
            PickleList list => list.Items.Select((item, k) => (Text(k), item)),
            PickleTuple tuple => tuple.Items.Select((item, k) => (Text(k), item)),
            PickleObject obj => Children(obj).Select((item, k) => (Text(k), item)),
            _ => [],
        };
        foreach ((string key, object? child) in children)
        {
            Named(child, path.Length == 0 ? key : path + "." + key, depth + 1, named, visited, exclude);
        }
    }

    private ImportedModel FromStateDict(string name, ModelFileFormat format, PickleDict dict, List<TorchTensor> all, Dictionary<string, string> metadata, string where, HashSet<object>? optimizer = null)
    {
        var named = new List<(string, TorchTensor)>();
        foreach (KeyValuePair<object?, object?> entry in dict.Entries)
        {
            if (entry.Key is string key && entry.Value is TorchTensor tensor)
            {
                named.Add((key, tensor));
            }
        }

        return FromTensors(name, format, named, all, optimizer, metadata, where);
    }

    private ImportedModel FromTensors(string name, ModelFileFormat format, List<(string Name, TorchTensor Tensor)> named, List<TorchTensor> all, HashSet<object>? optimizer, Dictionary<string, string> metadata, string where)
    {
        var infos = new List<TensorInfo>(named.Count);
        var storages = new Dictionary<(TorchStorage, string), int>();
        int shared = 0;
        foreach ((string tensorName, TorchTensor tensor) in named)
        {
            infos.Add(Info(tensorName, tensor, where));
            if (tensor.Storage is { } storage && !storages.ContainsKey((storage, string.Join(",", tensor.Size))))
            {
                storages.Add((storage, string.Join(",", tensor.Size)), 0);
            }
            else if (tensor.Storage is not null)
            {
                shared++;
            }
        }

        if (shared > 0)
        {
            metadata["shared_tensors"] = Text(shared);
        }

        Others(all, named.Select(n => n.Tensor), optimizer, metadata, where);
        Dtypes(named.Select(n => n.Tensor), metadata);
        IReadOnlyList<RecoveredModule> recovered = TorchArchitecture.Recover(infos);
        ModelSummary summary = TensorGrouping.Summarize(name, infos, recovered);
        return new ImportedModel(format, summary, infos, crossCheck: false)
        {
            Recovered = recovered,
            Metadata = metadata,
            Module = TorchArchitecture.RecoverModuleTree(infos, name, options),
        };
    }

    private TorchReadResult FromModule(string name, ModelFileFormat format, PickleObject root, HashSet<object>? optimizer, List<TorchTensor> all, Dictionary<string, string> metadata, string where)
    {
        TorchModuleNode tree = Module(root, string.Empty, string.Empty, 0, where);
        var parameters = new List<TorchTensorEntry>();
        var buffers = new List<TorchTensorEntry>();
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(tree, parameters, buffers, classes);
        metadata["module_class"] = tree.ClassName;
        metadata["modules"] = Text(visitedModules.Count);
        List<TorchTensorEntry> counted = parameters.Where(p => p.SameAs is null).ToList();
        List<TorchTensorEntry> countedBuffers = buffers.Where(p => p.SameAs is null).ToList();
        metadata["parameters"] = Text(counted.Count);
        metadata["parameter_elements"] = Text(Elements(counted.Select(p => p.Tensor)));
        metadata["buffers"] = Text(countedBuffers.Count);
        metadata["buffer_elements"] = Text(Elements(countedBuffers.Select(p => p.Tensor)));
        int shared = parameters.Count(p => p.SameAs is not null) + buffers.Count(p => p.SameAs is not null);
        if (shared > 0)
        {
            metadata["shared_tensors"] = Text(shared);
        }

        Others(all, counted.Concat(countedBuffers).Select(p => p.Tensor), optimizer, metadata, where);
        Dtypes(counted.Concat(countedBuffers).Select(p => p.Tensor), metadata);
        var infos = counted.Select(p => p.Info).ToList();
        var trainable = new HashSet<TensorInfo>(counted.Where(p => p.RequiresGrad).Select(p => p.Info), ReferenceComparer<TensorInfo>.Instance);
        IReadOnlyList<RecoveredModule> recovered = TorchArchitecture.Recover(infos);
        ModelSummary summary = TensorGrouping.Summarize(name, infos, recovered, trainable.Contains, prefix => classes.TryGetValue(prefix, out string? c) ? c : "Tensors");
        var stored = infos.Concat(countedBuffers.Select(b => b.Info)).ToList();
        var model = new ImportedModel(format, summary, stored, crossCheck: false)
        {
            Recovered = recovered,
            Metadata = metadata,
            Module = TorchArchitecture.RecoverModuleTree(stored, tree.ClassName.Length > 0 ? tree.ClassName : name, options),
        };
        return new TorchReadResult(model, tree);
    }

    private static void Flatten(TorchModuleNode node, List<TorchTensorEntry> parameters, List<TorchTensorEntry> buffers, Dictionary<string, string> classes)
    {
        classes[node.Path] = node.ShortClassName;
        parameters.AddRange(node.Parameters);
        buffers.AddRange(node.Buffers);
        foreach (TorchModuleNode child in node.Children)
        {
            Flatten(child, parameters, buffers, classes);
        }
    }

    private TorchModuleNode Module(PickleObject obj, string name, string path, int depth, string where)
    {
        if (depth > options.MaxDepth)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the module tree nests deeper than the {0} levels ModelReaderOptions.MaxDepth allows", options.MaxDepth));
        }

        if (++moduleCount > options.MaxLayers)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the module tree holds more than the {0:N0} modules ModelReaderOptions.MaxLayers allows", options.MaxLayers));
        }

        var node = new TorchModuleNode(name, path, obj.Type.FullName);
        if (visitedModules.TryGetValue(obj, out string? first))
        {
            node.SameAs = first; // A module reused: its parameters count once, where it was met first.
            return node;
        }

        visitedModules.Add(obj, path);

        var state = (PickleDict)obj.State!;
        if (IsNnModule(obj))
        {
            Tensors(state, "_parameters", path, node.Parameters, where);
            Tensors(state, "_buffers", path, node.Buffers, where);
            if (state.TryGet("_modules", out object? modules) && modules is PickleDict children)
            {
                foreach (KeyValuePair<object?, object?> entry in children.Entries)
                {
                    if (entry.Key is string childName && entry.Value is PickleObject child && (IsNnModule(child) || IsScriptModule(child)))
                    {
                        node.Children.Add(Module(child, childName, Join(path, childName), depth + 1, where));
                    }
                }
            }

            return node;
        }

        // TorchScript: attributes in declaration order; the class's code says which tensors are parameters and buffers.
        (ISet<string> Parameters, ISet<string> Buffers)? lists = scriptLists(obj.Type);
        foreach (KeyValuePair<object?, object?> entry in state.Entries)
        {
            if (entry.Key is not string attribute)
            {
                continue;
            }

            if (entry.Value is TorchTensor tensor)
            {
                bool isBuffer = lists is { } l ? l.Buffers.Contains(attribute) || !l.Parameters.Contains(attribute) : !tensor.RequiresGrad;
                if (lists is { } known && !known.Parameters.Contains(attribute) && !known.Buffers.Contains(attribute))
                {
                    continue; // Neither: a plain tensor attribute, not part of the state dict.
                }

                (isBuffer ? node.Buffers : node.Parameters).Add(Entry(attribute, Join(path, attribute), tensor, where));
            }
            else if (IsScriptModule(entry.Value))
            {
                node.Children.Add(Module((PickleObject)entry.Value!, attribute, Join(path, attribute), depth + 1, where));
            }
        }

        return node;
    }

    private void Tensors(PickleDict state, string key, string path, List<TorchTensorEntry> into, string where)
    {
        if (!state.TryGet(key, out object? value) || value is not PickleDict dict)
        {
            return;
        }

        foreach (KeyValuePair<object?, object?> entry in dict.Entries)
        {
            if (entry.Key is string tensorName && entry.Value is TorchTensor tensor)
            {
                into.Add(Entry(tensorName, Join(path, tensorName), tensor, where));
            }
        }
    }

    private TorchTensorEntry Entry(string name, string path, TorchTensor tensor, string where)
    {
        string? sameAs = seenTensors.TryGetValue(tensor, out string? first) ? first : null;
        if (sameAs is null)
        {
            seenTensors.Add(tensor, path);
        }

        return new TorchTensorEntry(name, path, tensor, Info(path, tensor, where), sameAs);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private TensorInfo Info(string name, TorchTensor tensor, string where)
    {
        if (name.Length > options.MaxNameLength)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "a tensor name is {0:N0} characters, more than the {1:N0} ModelReaderOptions.MaxNameLength allows", name.Length, options.MaxNameLength));
        }

        try
        {
            return new TensorInfo(name, tensor.DataType, new TensorShape(tensor.Size.ToArray()));
        }
        catch (OverflowException e)
        {
            return Fail.At<TensorInfo>(where, "the tensor '" + name + "' has more elements than a 64-bit integer holds", e);
        }
    }

    /// <summary>Tensors outside the model and the optimizer state: a checkpoint's other entries (EMA copies, callbacks' scalars).</summary>
    private void Others(List<TorchTensor> all, IEnumerable<TorchTensor> model, HashSet<object>? optimizer, Dictionary<string, string> metadata, string where)
    {
        var mine = new HashSet<TorchTensor>(model, ReferenceComparer<TorchTensor>.Instance);
        if (optimizer is not null)
        {
            foreach (object o in optimizer)
            {
                mine.UnionWith(Reachable(o, options, where));
            }
        }

        List<TorchTensor> others = all.Where(t => !mine.Contains(t)).ToList();
        if (others.Count > 0)
        {
            metadata["other_tensors"] = Text(others.Count);
            metadata["other_elements"] = Text(Elements(others));
        }
    }

    private static void Dtypes(IEnumerable<TorchTensor> tensors, Dictionary<string, string> metadata)
    {
        var bytes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (TorchTensor tensor in tensors)
        {
            int size = tensor.Storage?.ElementSize ?? 0;
            bytes[tensor.DataType] = checked((bytes.TryGetValue(tensor.DataType, out long b) ? b : 0) + (ElementCount(tensor.Size) * size));
        }

        if (bytes.Count > 0)
        {
            metadata["dtypes"] = string.Join(", ", bytes.Keys);
        }

        foreach (KeyValuePair<string, long> pair in bytes)
        {
            metadata["bytes." + pair.Key] = Text(pair.Value);
        }
    }
}
