using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>Summarizes stored Keras weights as rows: recovered recurrent layers, then the other weights grouped by layer.</summary>
internal static class KerasGrouping
{
    public static ModelSummary Summarize(string name, IReadOnlyList<TensorInfo> tensors, IReadOnlyList<RecoveredModule> recovered)
    {
        var names = tensors.Select(t => KerasWeightName.Parse(t.Name)).ToArray();
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

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        for (int k = 0; k < tensors.Count; k++)
        {
            if (claimed.Contains(tensors[k]))
            {
                continue;
            }

            if (!groups.TryGetValue(names[k].Layer, out List<int>? list))
            {
                list = [];
                groups.Add(names[k].Layer, list);
                groupOrder.Add(names[k].Layer);
            }

            list.Add(k);
        }

        foreach (string layer in groupOrder)
        {
            List<int> members = groups[layer];
            KerasWeightName[] group = members.Select(k => names[k]).ToArray();
            WeightTensor[] weights = members.Select(k => new WeightTensor(Local(names[k]), Path(tensors[k]), tensors[k].Shape)
            {
                Trainable = !KerasWeightName.IsNonTrainable(names[k].Local, layer, group),
            }).ToArray();
            rows.Add((members[0], new LayerSummary(layer.Length == 0 ? "(root)" : layer, "Tensors", new[] { OutputShape.Unknown }, weights)));
        }

        if (rows.Count == 0)
        {
            rows.Add((0, new LayerSummary("(empty)", "Tensors", new[] { OutputShape.Unknown }, Array.Empty<WeightTensor>())));
        }

        return new ModelSummary(name, Convention.Keras, null, rows.OrderBy(r => r.Order).Select(r => r.Row));
    }

    private static string Local(KerasWeightName name) => name.LocalWithDirection.Length == 0 ? "(unnamed)" : name.LocalWithDirection;

    private static string Path(TensorInfo tensor) => tensor.Name.Length == 0 ? "(unnamed)" : tensor.Name;

    private static LayerSummary Row(RecoveredModule module)
    {
        KerasWeightName[] names = module.Tensors.Select(t => KerasWeightName.Parse(t.Name)).ToArray();
        WeightTensor[] weights = module.Tensors.Select((t, k) => new WeightTensor(Local(names[k]), Path(t), t.Shape)).ToArray();
        return new LayerSummary(module.Prefix.Length == 0 ? "(root)" : module.Prefix, module.ClassName, new[] { OutputShape.Unknown }, weights)
        {
            Derivation = module.Derivation,
            MacsPerStep = module.Spec is null ? 0 : names.Select((n, k) => n.Local is "kernel" or "recurrent_kernel" ? module.Tensors[k].ElementCount : 0).Aggregate(0L, (acc, c) => checked(acc + c)),
        };
    }
}
