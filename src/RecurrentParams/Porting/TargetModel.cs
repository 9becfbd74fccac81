using System;
using System.Collections.Generic;
using System.Linq;

namespace RecurrentParams.Porting;

/// <summary>Builds the converted model, layer by layer, with this library's builders: what the map's target tensors belong to.</summary>
internal static class TargetModel
{
    /// <summary>Builds the PyTorch model of a Keras model's map; notes what PyTorch's modules cannot say; <see langword="null"/> when a row has no equivalent.</summary>
    public static ModelSummary? Torch(ModelSummary keras, IReadOnlyList<LayerMap> maps, List<string> notes)
    {
        if (maps.Any(m => !m.IsConvertible) || keras.Input is not { } input || input.Rank is not (2 or 3) || (input.Rank == 3 && input[2] is null))
        {
            return null;
        }

        var builder = new TorchModelBuilder(keras.Name);
        long steps = input[1] ?? 1;
        if (input.Rank == 2)
        {
            builder.Input(ElementType.Int64, 1, (int)Math.Min(int.MaxValue, steps));
        }
        else
        {
            builder.Input(1, (int)Math.Min(int.MaxValue, steps), (int)Math.Min(int.MaxValue, input[2]!.Value));
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (LayerSummary row in keras.Rows)
        {
            LayerMap[] mine = maps.Where(m => m.SourceName == row.Name).ToArray();
            if (row.ClassName is "InputLayer")
            {
                continue;
            }

            if (row.ClassName is "Dropout")
            {
                builder.Dropout(name: row.Name);
                continue;
            }

            if (mine.Length == 0)
            {
                return null;
            }

            LayerMap map = mine[0];
            if (map.TargetSpec is LayerSpec spec)
            {
                // Keras layers name_l0, name_l1, ... that became one stacked module: add the module once.
                if (done.Add(map.TargetName))
                {
                    int layers = maps.Count(m => m.TargetName == map.TargetName);
                    _ = spec.CellType == CellType.Lstm ? builder.Lstm(spec.Units, layers, spec.UseBias, spec.Bidirectional, batchFirst: true, name: map.TargetName)
                        : spec.CellType == CellType.Gru ? builder.Gru(spec.Units, layers, spec.UseBias, spec.Bidirectional, batchFirst: true, name: map.TargetName)
                        : builder.Rnn(spec.Units, layers, spec.UseBias, spec.Bidirectional, batchFirst: true, name: map.TargetName);
                }

                if (row.OutputShape.Rank == 2)
                {
                    builder.TakeLastTimeStep();
                    if (spec.Bidirectional)
                    {
                        notes.Add(row.Name + ": Keras' Bidirectional(return_sequences=False) returns the backward direction's final state, h_n[1] in PyTorch; output[:, -1] holds its first step instead, so take h_n (the weights map exactly either way)");
                    }
                }

                continue;
            }

            TensorMappingShape(map, out long rows, out long columns);
            if (map.TargetClass == "Embedding")
            {
                builder.Embedding((int)rows, (int)columns, row.Name);
            }
            else
            {
                builder.Linear((int)rows, map.Mappings.Count > 1, row.Name);
            }
        }

        return Build(builder);
    }

    /// <summary>Builds the Keras model of a PyTorch model's map; <see langword="null"/> when a row has no equivalent.</summary>
    public static ModelSummary? Keras(ModelSummary torch, IReadOnlyList<LayerMap> maps, List<string> notes)
    {
        if (maps.Any(m => !m.IsConvertible) || torch.Input is not { } input || input[input.Rank - 1] is not long last)
        {
            return null;
        }

        var builder = new KerasModelBuilder(torch.Name);
        if (torch.InputElementType is ElementType.Int64 or ElementType.Int32)
        {
            builder.TokenInput(null);
        }
        else
        {
            builder.Input(null, (int)Math.Min(int.MaxValue, last));
        }

        IReadOnlyList<LayerSummary> rows = torch.LayerRows;
        for (int index = 0; index < rows.Count; index++)
        {
            LayerSummary row = rows[index];
            if (row.ClassName is "Dropout")
            {
                builder.Dropout(0.5, name: row.Name.Replace('.', '_'));
                continue;
            }

            LayerMap[] mine = maps.Where(m => m.SourceName == row.Name).ToArray();
            if (mine.Length == 0)
            {
                return null;
            }

            if (mine[0].TargetSpec is not null)
            {
                // The module's output keeps its time axis unless the next row takes the last step (its input loses the axis).
                bool lastStep = index + 1 < rows.Count && rows[index + 1].InputShape is { Rank: 2 };
                for (int k = 0; k < mine.Length; k++)
                {
                    LayerSpec spec = mine[k].TargetSpec!;
                    bool sequences = k < mine.Length - 1 || !lastStep;
                    var layer = new RecurrentParams.Keras.Recurrent(spec.CellType, spec.Units, sequences, useBias: spec.UseBias, name: spec.Bidirectional ? null : mine[k].TargetName);
                    if (spec.Bidirectional)
                    {
                        builder.Bidirectional(layer, MergeMode.Concat, mine[k].TargetName);
                        if (!sequences)
                        {
                            notes.Add(row.Name + ": PyTorch's output[:, -1] of a bidirectional module holds the reverse direction's first step, but Keras' Bidirectional(return_sequences=False) returns its final state (h_n[1]); the Keras model returns what h_n gives");
                        }
                    }
                    else
                    {
                        builder.Add(layer);
                    }
                }

                continue;
            }

            TensorMappingShape(mine[0], out long first, out long second);
            if (mine[0].TargetClass == "Embedding")
            {
                builder.Embedding((int)first, (int)second, mine[0].TargetName);
            }
            else
            {
                builder.Dense((int)second, mine[0].Mappings.Count > 1, mine[0].TargetName);
            }
        }

        return Build(builder);
    }

    private static ModelSummary? Build(ModelBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The first mapping's target shape: (count, dimension) of an embedding, (out, in) of a Linear, (in, out) of a Keras kernel.</summary>
    private static void TensorMappingShape(LayerMap map, out long first, out long second)
    {
        IReadOnlyList<long> dims = map.Mappings[0].TargetShape.Dimensions;
        first = dims[0];
        second = dims[1];
    }
}
