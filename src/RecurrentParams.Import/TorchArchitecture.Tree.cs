using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Torch;

namespace RecurrentParams.Import;

// The module tree a state dict's names describe.
public static partial class TorchArchitecture
{
    private static readonly string[] BufferNames = ["running_mean", "running_var", "num_batches_tracked"];

    /// <summary>Rebuilds the module tree a PyTorch state dict's names describe (<c>encoder.blocks.0.lstm.weight_ih_l0</c>): its modules, recognized leaves, and every other tensor under its module.</summary>
    /// <param name="tensors">Stored tensors with state-dict names, in the file's order (a safetensors header, ONNX initializers named after a PyTorch model).</param>
    /// <param name="className">The class name of the model's root, e.g. the file's name; not empty.</param>
    /// <param name="options">The nesting limit (<see cref="ModelReaderOptions.MaxDepth"/>); <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>
    /// The root: a <see cref="CustomModule"/> of class <paramref name="className"/>, or the module itself when the whole
    /// state dict is one recognized module (<c>nn.LSTM</c> saved on its own). Summarize it with
    /// <c>new TorchModelBuilder(module).Build()</c>, print it with <see cref="TorchModule.ToString"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument or a tensor is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is empty.</exception>
    /// <exception cref="ModelFormatException">A tensor's name nests deeper than <see cref="ModelReaderOptions.MaxDepth"/> (or than the 1,000 modules a tree may nest).</exception>
    /// <remarks>
    /// <para>Modules come from the names' dotted prefixes, in the order their first tensors appear. A module without child
    /// modules whose tensors are exactly those of a PyTorch layer becomes that layer with the sizes its shapes give:
    /// recurrent modules and cells as <see cref="Recover"/> finds them (<see cref="Recurrent"/>, <see cref="RecurrentCell"/>);
    /// <c>weight (out, in)</c> with or without <c>bias (out,)</c> a <see cref="Linear"/>, or an <see cref="Embedding"/> when
    /// there is no bias and the module's name contains <c>emb</c>; <c>weight</c> and <c>bias</c> of one shape a
    /// <see cref="LayerNorm"/>; <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c> (with or without
    /// <c>weight</c> and <c>bias</c>) a <see cref="BatchNorm1d"/>; <c>weight (out, in, k)</c> with or without
    /// <c>bias (out,)</c> a <see cref="Conv1d"/>. Their dtype is the tensors'. A state dict does not say the arguments
    /// that own no tensor (<c>batch_first</c>, <c>dropout</c>, <c>eps</c>, a convolution's stride): they keep PyTorch's
    /// defaults.</para>
    /// <para>Every other module is a <see cref="CustomModule"/> of class <c>Module</c> (a state dict does not store class
    /// names) holding its tensors, <c>running_mean</c>, <c>running_var</c> and <c>num_batches_tracked</c> as buffers and
    /// the others as parameters; a module whose children are <c>0</c>, <c>1</c>, ... and nothing else is a
    /// <see cref="Sequential"/>. Modules without tensors (Dropout, activations) are not in a state dict and so not in the
    /// tree. Tensors a tree cannot hold are left out: names with an empty part (<c>a..b</c>), a name that is also a module's,
    /// a name repeated, and element types without an <see cref="ElementType"/> (16-bit integers, 4- and 6-bit floats,
    /// complex). All members are thread-safe.</para>
    /// </remarks>
    public static TorchModule RecoverModuleTree(IEnumerable<TensorInfo> tensors, string className, ModelReaderOptions? options = null)
    {
        Guard.NotNull(tensors, nameof(tensors));
        Guard.NotNull(className, nameof(className));
        if (className.Length == 0)
        {
            Guard.ThrowArgument(nameof(className), "'className' must not be empty.");
        }

        TensorInfo[] all = tensors.ToArray();
        foreach (TensorInfo tensor in all)
        {
            Guard.NotNull(tensor, nameof(tensors));
        }

        int maxDepth = Math.Min((options ?? ModelReaderOptions.Default).MaxDepth, 999);
        var root = new Node(string.Empty, string.Empty);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorInfo tensor in all)
        {
            string[] parts = tensor.Name.Split('.');
            if (parts.Any(p => p.Length == 0) || !seen.Add(tensor.Name) || ElementTypeOf(tensor.DataType) is null)
            {
                continue;
            }

            if (parts.Length - 1 > maxDepth)
            {
                throw new ModelFormatException(
                    string.Format(CultureInfo.InvariantCulture, "the tensor name nests {0} modules deep, more than the {1} levels ModelReaderOptions.MaxDepth allows", parts.Length - 1, maxDepth),
                    "tensor '" + (tensor.Name.Length > 80 ? tensor.Name.Remove(80) + "..." : tensor.Name) + "'",
                    null);
            }

            Node node = root;
            for (int k = 0; k < parts.Length - 1; k++)
            {
                node = node.Child(parts[k]);
            }

            node.Tensors.Add((parts[parts.Length - 1], tensor));
        }

        var recurrent = new Dictionary<string, RecoveredModule>(StringComparer.Ordinal);
        foreach (RecoveredModule module in Recover(all).Where(m => m.Spec is not null && m.MissingTensors.Count == 0))
        {
            recurrent[module.Prefix] = module;
        }

        return root.Children.Count == 0 && Leaf(root, recurrent) is TorchModule bare ? bare : Build(root, className, recurrent);
    }

    /// <summary>The module of one node: a recognized leaf, a <see cref="Sequential"/>, or a <see cref="CustomModule"/> holding its tensors and children.</summary>
    private static TorchModule Build(Node node, string className, Dictionary<string, RecoveredModule> recurrent)
    {
        if (node.Children.Count == 0 && Leaf(node, recurrent) is TorchModule leaf)
        {
            return leaf;
        }

        TorchModule[] children = node.Children.Select(c => Build(c, "Module", recurrent)).ToArray();
        bool numbered = node.Tensors.Count == 0 && node.Children.Count > 0
            && node.Children.Select((c, k) => c.Name == k.ToString(CultureInfo.InvariantCulture)).All(same => same);
        if (numbered && node.Path.Length > 0)
        {
            return new Sequential(children);
        }

        var module = new CustomModule(numbered ? "Sequential" : className);
        var names = new HashSet<string>(node.Children.Select(c => c.Name), StringComparer.Ordinal);
        foreach ((string name, TensorInfo tensor) in node.Tensors.Where(t => !names.Contains(t.Name)))
        {
            ElementType type = ElementTypeOf(tensor.DataType)!.Value;
            module = BufferNames.Contains(name) ? module.AddBuffer(name, tensor.Shape, type) : module.AddParameter(name, tensor.Shape, type);
        }

        for (int k = 0; k < children.Length; k++)
        {
            module = module.Add(node.Children[k].Name, children[k]);
        }

        return module;
    }

    /// <summary>The PyTorch layer whose tensors are exactly the node's, or <see langword="null"/>.</summary>
    private static TorchModule? Leaf(Node node, Dictionary<string, RecoveredModule> recurrent)
    {
        if (node.Tensors.Count == 0)
        {
            return null;
        }

        var byName = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        foreach ((string name, TensorInfo tensor) in node.Tensors)
        {
            byName[name] = tensor;
        }

        TorchModule? module;
        try
        {
            module = recurrent.TryGetValue(node.Path, out RecoveredModule? found) && found.Tensors.Count == byName.Count && found.Tensors.All(t => byName.ContainsKey(Local(t.Name, node.Path)))
                ? RecurrentModule(found.Spec!)
                : Layer(node.Name, byName);
        }
        catch (ArgumentException)
        {
            return null; // sizes a constructor refuses (a dimension of 0, beyond int): the tensors stay as they are
        }

        if (module is null)
        {
            return null;
        }

        // The layer must hold exactly the stored tensors, with their shapes and element types.
        var stored = byName.Values.ToDictionary(t => Local(t.Name, node.Path), StringComparer.Ordinal);
        IReadOnlyList<WeightTensor> expected = module.StateDict();
        if (expected.Count != stored.Count || expected.Any(w => !stored.TryGetValue(w.Name, out TensorInfo? t) || !t.Shape.Equals(w.Shape)))
        {
            return null;
        }

        ElementType[] floating = stored.Values.Select(t => ElementTypeOf(t.DataType)!.Value).Where(IsFloating).Distinct().ToArray();
        if (floating.Length > 1 || expected.Any(w => !IsFloating(w.ElementType) && ElementTypeOf(stored[w.Name].DataType) != w.ElementType)
            || expected.Any(w => IsFloating(w.ElementType) && !IsFloating(ElementTypeOf(stored[w.Name].DataType)!.Value)))
        {
            return null;
        }

        return floating.Length == 1 && floating[0] != ElementType.Float32 ? module.To(floating[0]) : module;
    }

    private static TorchModule RecurrentModule(LayerSpec spec) => spec.IsCell
        ? new RecurrentCell(spec.CellType, spec.InputSize, spec.Units, spec.UseBias)
        : new Recurrent(spec.CellType, spec.InputSize, spec.Units, spec.NumLayers, spec.UseBias, bidirectional: spec.Bidirectional, projSize: spec.ProjSize);

    /// <summary>The non-recurrent layers a state dict determines, from the names and shapes of a module's tensors.</summary>
    private static TorchModule? Layer(string name, Dictionary<string, TensorInfo> t)
    {
        IReadOnlyList<long>? Dims(string key) => t.TryGetValue(key, out TensorInfo? v) ? v.Shape.Dimensions : null;
        IReadOnlyList<long>? weight = Dims("weight");
        IReadOnlyList<long>? bias = Dims("bias");
        if (t.ContainsKey("running_mean") && Dims("running_mean") is { Count: 1 } mean)
        {
            return new BatchNorm1d(Size(mean[0]), affine: weight is not null);
        }

        if (weight is null)
        {
            return null;
        }

        if (bias is not null && weight.Count >= 1 && weight.SequenceEqual(bias))
        {
            return new LayerNorm(weight.Select(Size).ToArray());
        }

        if (weight.Count == 2)
        {
            string lower = name.ToLowerInvariant();
            return bias is null && lower.Contains("emb")
                ? new Embedding(Size(weight[0]), Size(weight[1]))
                : new Linear(Size(weight[1]), Size(weight[0]), bias is not null);
        }

        return weight.Count == 3 ? new Conv1d(Size(weight[1]), Size(weight[0]), Size(weight[2]), bias: bias is not null) : null;
    }

    private static int Size(long value) =>
        value is >= 1 and <= int.MaxValue ? (int)value : throw new ArgumentOutOfRangeException(nameof(value));

    private static string Local(string name, string prefix) => prefix.Length == 0 ? name : name.Substring(prefix.Length + 1);

    private static bool IsFloating(ElementType type) => type is ElementType.Float32 or ElementType.Float64 or ElementType.Float16 or ElementType.BFloat16;

    /// <summary>The element type of a stored tensor, in the vocabularies of safetensors (<c>F32</c>), NumPy and PyTorch (<c>float32</c>) and ONNX (<c>FLOAT</c>); one-byte types count as <see cref="ElementType.Int8"/>.</summary>
    private static ElementType? ElementTypeOf(string dataType) => dataType.ToUpperInvariant() switch
    {
        "F64" or "FLOAT64" or "DOUBLE" or "TORCH.FLOAT64" => ElementType.Float64,
        "F32" or "FLOAT32" or "FLOAT" or "TORCH.FLOAT32" => ElementType.Float32,
        "F16" or "FLOAT16" or "HALF" or "TORCH.FLOAT16" => ElementType.Float16,
        "BF16" or "BFLOAT16" or "TORCH.BFLOAT16" => ElementType.BFloat16,
        "I64" or "U64" or "INT64" or "UINT64" or "TORCH.INT64" => ElementType.Int64,
        "I32" or "U32" or "INT32" or "UINT32" or "TORCH.INT32" => ElementType.Int32,
        "I8" or "U8" or "BOOL" or "INT8" or "UINT8" or "TORCH.INT8" or "TORCH.UINT8" or "TORCH.BOOL"
            or "F8_E4M3" or "F8_E5M2" or "F8_E8M0" or "FLOAT8E4M3FN" or "FLOAT8E5M2" => ElementType.Int8,
        _ => null,
    };

    /// <summary>A module path of the state dict: its own tensors and its children, in order of appearance.</summary>
    private sealed class Node
    {
        private readonly Dictionary<string, Node> byName = new(StringComparer.Ordinal);

        public Node(string name, string path)
        {
            Name = name;
            Path = path;
        }

        public string Name { get; }

        public string Path { get; }

        public List<Node> Children { get; } = [];

        public List<(string Name, TensorInfo Tensor)> Tensors { get; } = [];

        public Node Child(string name)
        {
            if (!byName.TryGetValue(name, out Node? child))
            {
                child = new Node(name, Path.Length == 0 ? name : Path + "." + name);
                byName.Add(name, child);
                Children.Add(child);
            }

            return child;
        }
    }
}
