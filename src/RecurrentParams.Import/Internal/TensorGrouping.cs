using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>Summarizes a flat list of named tensors (a state dict) as rows: recovered recurrent modules, then groups by module prefix.</summary>
internal static class TensorGrouping
{
    private static readonly string[] BufferSuffixes = ["running_mean", "running_var", "num_batches_tracked"];

    public static ModelSummary Summarize(string name, IReadOnlyList<TensorInfo> tensors, IReadOnlyList<RecoveredModule> recovered) =>
        Summarize(name, Convention.Torch, tensors, recovered, m => Row(m, null), k => Prefix(tensors[k].Name), (prefix, members) => members.Select(k => Weight(tensors[k], prefix)));

    /// <summary>
    /// The rows of a PyTorch module tree's parameters: as <see cref="Summarize(string, IReadOnlyList{TensorInfo}, IReadOnlyList{RecoveredModule})"/>,
    /// but whether a tensor is trainable comes from the file (<c>requires_grad</c>) and each group's row is named after its module's class.
    /// </summary>
    public static ModelSummary Summarize(string name, IReadOnlyList<TensorInfo> tensors, IReadOnlyList<RecoveredModule> recovered, Func<TensorInfo, bool> trainable, Func<string, string> classOf) =>
        Summarize(name, Convention.Torch, tensors, recovered, m => Row(m, trainable), k => Prefix(tensors[k].Name), (prefix, members) => members.Select(k => Weight(tensors[k], prefix, trainable)), classOf);

    /// <summary>
    /// The rows of stored tensors in file order: each recovered module where its first tensor is, then every group of the
    /// remaining tensors (by <paramref name="groupOf"/>) as a <c>Tensors</c> row where its first tensor is.
    /// </summary>
    /// <param name="name">The summary's name.</param>
    /// <param name="convention">The framework the names follow.</param>
    /// <param name="tensors">The tensors in file order.</param>
    /// <param name="recovered">The recovered modules; their tensors are not grouped again.</param>
    /// <param name="moduleRow">The row of a recovered module.</param>
    /// <param name="groupOf">The group (layer or module prefix) of the tensor at an index.</param>
    /// <param name="weightsOf">The weights of a group, from its name and its tensors' indices.</param>
    /// <param name="classOf">The class name of a group's row; <see langword="null"/> for <c>Tensors</c>.</param>
    public static ModelSummary Summarize(
        string name,
        Convention convention,
        IReadOnlyList<TensorInfo> tensors,
        IReadOnlyList<RecoveredModule> recovered,
        Func<RecoveredModule, LayerSummary> moduleRow,
        Func<int, string> groupOf,
        Func<string, IReadOnlyList<int>, IEnumerable<WeightTensor>> weightsOf,
        Func<string, string>? classOf = null)
    {
        var claimed = new HashSet<TensorInfo>(ReferenceComparer<TensorInfo>.Instance);
        var rows = new List<(int Order, LayerSummary Row)>();
        var firstIndex = new Dictionary<TensorInfo, int>(ReferenceComparer<TensorInfo>.Instance);
        for (int k = tensors.Count - 1; k >= 0; k--)
        {
            firstIndex[tensors[k]] = k;
        }

        foreach (RecoveredModule module in recovered)
        {
            foreach (TensorInfo tensor in module.Tensors)
            {
                claimed.Add(tensor);
            }

            rows.Add((module.Tensors.Min(t => firstIndex[t]), moduleRow(module)));
        }

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        for (int k = 0; k < tensors.Count; k++)
        {
            if (claimed.Contains(tensors[k]))
            {
                continue;
            }

            string group = groupOf(k);
            if (!groups.TryGetValue(group, out List<int>? members))
            {
                members = [];
                groups.Add(group, members);
                groupOrder.Add(group);
            }

            members.Add(k);
        }

        foreach (string group in groupOrder)
        {
            List<int> members = groups[group];
            rows.Add((members[0], new LayerSummary(group.Length == 0 ? "(root)" : group, classOf?.Invoke(group) ?? "Tensors", new[] { OutputShape.Unknown }, weightsOf(group, members))));
        }

        if (rows.Count == 0)
        {
            rows.Add((0, new LayerSummary("(empty)", "Tensors", new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>())));
        }

        return new ModelSummary(name, convention, null, rows.OrderBy(r => r.Order).Select(r => r.Row));
    }

    /// <summary>A PyTorch tensor's module: its name up to the last dot (<c>fc.weight</c> → <c>fc</c>).</summary>
    private static string Prefix(string tensorName)
    {
        int dot = tensorName.LastIndexOf('.');
        return dot < 0 ? string.Empty : tensorName.Substring(0, dot);
    }

    public static WeightTensor Weight(TensorInfo tensor, string prefix, Func<TensorInfo, bool>? trainable = null)
    {
        string local = prefix.Length == 0 ? tensor.Name : tensor.Name.Substring(prefix.Length + 1);
        if (local.Length == 0)
        {
            local = "(unnamed)";
        }

        return new WeightTensor(local, tensor.Name.Length == 0 ? local : tensor.Name, tensor.Shape)
        {
            Trainable = trainable?.Invoke(tensor) ?? !BufferSuffixes.Any(s => local.EndsWith(s, StringComparison.Ordinal)),
        };
    }

    private static LayerSummary Row(RecoveredModule module, Func<TensorInfo, bool>? trainable)
    {
        WeightTensor[] weights = module.Tensors.Select(t => Weight(t, module.Prefix, trainable)).ToArray();
        OutputShape output = OutputShape.Unknown;
        if (module.Spec is LayerSpec spec)
        {
            long width = (spec.ProjSize > 0 ? spec.ProjSize : spec.Units) * (long)spec.Directions;
            output = spec.IsCell ? new OutputShape(null, width) : new OutputShape(null, null, width);
        }

        string name = module.Prefix.Length == 0 ? module.ClassName.ToLowerInvariant() : module.Prefix;
        bool complete = module.MissingTensors.Count == 0;
        return new LayerSummary(name, module.ClassName, new[] { output }, weights)
        {
            Derivation = complete ? module.Derivation : null,
            MacsPerStep = weights.Where(w => w.Name.StartsWith("weight", StringComparison.Ordinal)).Aggregate(0L, (acc, w) => checked(acc + w.Count)),
        };
    }
}
