using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>Summarizes a flat list of named tensors (a state dict) as rows: recovered recurrent modules, then groups by module prefix.</summary>
internal static class TensorGrouping
{
    private static readonly string[] BufferSuffixes = ["running_mean", "running_var", "num_batches_tracked"];

    public static ModelSummary Summarize(string name, IReadOnlyList<TensorInfo> tensors, IReadOnlyList<RecoveredModule> recovered)
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

            rows.Add((module.Tensors.Min(t => firstIndex[t]), Row(module)));
        }

        var groups = new Dictionary<string, List<TensorInfo>>(StringComparer.Ordinal);
        var groupOrder = new List<(string Prefix, int First)>();
        for (int k = 0; k < tensors.Count; k++)
        {
            TensorInfo tensor = tensors[k];
            if (claimed.Contains(tensor))
            {
                continue;
            }

            int dot = tensor.Name.LastIndexOf('.');
            string prefix = dot < 0 ? string.Empty : tensor.Name.Substring(0, dot);
            if (!groups.TryGetValue(prefix, out List<TensorInfo>? list))
            {
                list = [];
                groups.Add(prefix, list);
                groupOrder.Add((prefix, k));
            }

            list.Add(tensor);
        }

        foreach ((string prefix, int first) in groupOrder)
        {
            List<TensorInfo> list = groups[prefix];
            WeightTensor[] weights = list.Select(t => Weight(t, prefix)).ToArray();
            rows.Add((first, new LayerSummary(prefix.Length == 0 ? "(root)" : prefix, "Tensors", new[] { OutputShape.Unknown }, weights)));
        }

        if (rows.Count == 0)
        {
            rows.Add((0, new LayerSummary("(empty)", "Tensors", new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>())));
        }

        return new ModelSummary(name, Convention.PyTorch, null, rows.OrderBy(r => r.Order).Select(r => r.Row));
    }

    public static WeightTensor Weight(TensorInfo tensor, string prefix)
    {
        string local = prefix.Length == 0 ? tensor.Name : tensor.Name.Substring(prefix.Length + 1);
        if (local.Length == 0)
        {
            local = "(unnamed)";
        }

        return new WeightTensor(local, tensor.Name.Length == 0 ? local : tensor.Name, tensor.Shape)
        {
            Trainable = !BufferSuffixes.Any(s => local.EndsWith(s, StringComparison.Ordinal)),
        };
    }

    private static LayerSummary Row(RecoveredModule module)
    {
        WeightTensor[] weights = module.Tensors.Select(t => Weight(t, module.Prefix)).ToArray();
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
