using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>Summarizes stored Keras weights as rows: recovered recurrent layers, then the other weights grouped by layer.</summary>
internal static class KerasGrouping
{
    public static ModelSummary Summarize(string name, IReadOnlyList<TensorInfo> tensors, IReadOnlyList<RecoveredModule> recovered)
    {
        KerasWeightName[] names = tensors.Select(t => KerasWeightName.Parse(t.Name)).ToArray();
        return TensorGrouping.Summarize(name, Convention.Keras, tensors, recovered, Row, k => names[k].Layer, (layer, members) =>
        {
            KerasWeightName[] group = members.Select(k => names[k]).ToArray();
            return members.Select(k => new WeightTensor(Local(names[k]), Path(tensors[k]), tensors[k].Shape)
            {
                Trainable = !KerasWeightName.IsNonTrainable(names[k].Local, layer, group),
            }).ToArray();
        });
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
