using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RecurrentParams.Formulas;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// Counts the rows a topology could not count (<see cref="CountBasis.LowerBound"/>) from the weights the file stores for
/// them: a TensorFlow.js manifest or a legacy <c>.h5</c> names a weight by its layer (<c>attention/W</c>,
/// <c>attention/attention/W:0</c>), a Keras 3 <c>.keras</c> archive by the layer's place among its class
/// (<c>layers/attention_pooling/vars/0</c>, <c>layers/dense_1/...</c>: Keras' saving names, the snake-cased class name
/// with a counter). When no stored weight names a row but the stored total equals what the topology counted, the
/// uncounted rows hold no weights at all. Rows without stored weights stay lower bounds.
/// </summary>
internal static class StoredWeights
{
    private static readonly Regex NonWord = new(@"\W+", RegexOptions.CultureInvariant);
    private static readonly Regex CapitalizedWord = new("(.)([A-Z][a-z]+)", RegexOptions.CultureInvariant);
    private static readonly Regex LowerUpper = new("([a-z])([A-Z])", RegexOptions.CultureInvariant);

    public static ModelSummary Complete(ModelSummary summary, IReadOnlyList<TensorInfo> tensors)
    {
        if (!summary.IsLowerBound)
        {
            return summary;
        }

        bool savingNames = tensors.Count > 0 && tensors.All(t => t.Name.StartsWith("layers/", StringComparison.Ordinal));
        var byLayer = new Dictionary<string, List<TensorInfo>>(StringComparer.Ordinal);
        foreach (TensorInfo tensor in tensors)
        {
            string key = LayerOf(tensor.Name, savingNames);
            if (!byLayer.TryGetValue(key, out List<TensorInfo>? group))
            {
                group = [];
                byLayer.Add(key, group);
            }

            group.Add(tensor);
        }

        string[] keys = savingNames ? SavingNames(summary.Rows) : summary.Rows.Select(r => r.Name).ToArray();
        var rows = summary.Rows.ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            if (rows[k].CountBasis == CountBasis.LowerBound && byLayer.TryGetValue(keys[k], out List<TensorInfo>? stored))
            {
                rows[k] = FromStored(rows[k], stored, keys[k]);
            }
        }

        long storedTotal = tensors.Aggregate(0L, (acc, t) => checked(acc + t.ElementCount));
        long counted = rows.Where(r => r.CountBasis != CountBasis.LowerBound).Aggregate(0L, (acc, r) => checked(acc + r.Params));
        if (counted == storedTotal && rows.Any(r => r.CountBasis == CountBasis.LowerBound))
        {
            rows = rows.Select(r => r.CountBasis == CountBasis.LowerBound && r.Weights.Count == 0 ? FromStored(r, [], string.Empty) : r).ToArray();
        }

        return new ModelSummary(summary.Name, summary.Convention, summary.Input, rows)
        {
            Output = summary.Output,
            InputElementType = summary.InputElementType,
        };
    }

    /// <summary>The row of a layer counted from its stored weights: frozen layers' and moving statistics' weights are non-trainable.</summary>
    private static LayerSummary FromStored(LayerSummary row, IReadOnlyList<TensorInfo> stored, string key)
    {
        WeightTensor[] weights = stored.Select(t =>
        {
            string local = t.Name.Length > key.Length && t.Name.StartsWith(key + "/", StringComparison.Ordinal) ? t.Name.Substring(key.Length + 1) : t.Name;
            string name = local.Split('/').Last().Split(':')[0];
            bool statistic = name is "moving_mean" or "moving_variance" or "running_mean" or "running_std";
            return new WeightTensor(name.Length == 0 ? "(unnamed)" : name, t.Name.Length == 0 ? "(unnamed)" : t.Name, t.Shape) { Trainable = row.Trainable && !statistic };
        }).ToArray();
        return new LayerSummary(row.Name, row.ClassName, row.Outputs, weights)
        {
            CountBasis = CountBasis.StoredWeights,
            Trainable = row.Trainable,
            InboundNodes = row.InboundNodes,
            InputShape = row.InputShape,
        };
    }

    /// <summary>The layer a stored weight belongs to: its first path segment, or the segment after <c>layers/</c> in a Keras 3 weights file.</summary>
    private static string LayerOf(string name, bool savingNames)
    {
        string[] segments = name.Split('/');
        return savingNames ? (segments.Length > 1 ? segments[1] : string.Empty) : segments[0];
    }

    /// <summary>Keras 3's saving names of a model's layers (<c>saving_lib</c>): the snake-cased class name, then <c>_1</c>, <c>_2</c> for later layers of the class.</summary>
    private static string[] SavingNames(IReadOnlyList<LayerSummary> rows)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            string name = SnakeCase(rows[k].ClassName);
            if (used.TryGetValue(name, out int count))
            {
                used[name] = count + 1;
                names[k] = name + "_" + (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                used[name] = 0;
                names[k] = name;
            }
        }

        return names;
    }

    /// <summary>Keras' <c>to_snake_case</c>, which names the weights of a saved model's layers.</summary>
    private static string SnakeCase(string name)
    {
        string result = NonWord.Replace(name, string.Empty);
        result = CapitalizedWord.Replace(result, "$1_$2");
        result = LowerUpper.Replace(result, "$1_$2");
        return result.ToLowerInvariant();
    }
}
