using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// The layers only Keras 1 writes: <c>Merge</c> (with its modes, over the branch models of a Sequential model or over the
/// tensors of a graph) and <c>TimeDistributedDense</c>. Keras 1's other spellings (<c>output_dim</c>, <c>nb_filter</c>,
/// <c>border_mode</c>, ...) are read where each family is (<see cref="KerasLayerConfigs"/>, <see cref="KerasLayers"/>).
/// Source: Keras 1.2.2 <c>keras/engine/topology.py</c> (<c>Merge</c>) and <c>keras/layers/core.py</c>.
/// </summary>
internal static class Keras1Layers
{
    /// <summary>Keras 1's <c>TimeDistributedDense(output_dim)</c>: <c>W (input_dim, output_dim)</c> and <c>b (output_dim,)</c> applied at each step, as <c>TimeDistributed(Dense)</c>.</summary>
    public static KerasLayer TimeDistributedDense(KerasConfig config, string name) =>
        new TimeDistributed(new Dense(config.Size("output_dim", "units"), config.Bool("bias", true), name + "_dense"), name);

    /// <summary>
    /// Keras 1's <c>Merge(mode)</c>: sum, mul, ave, max, concat (on <c>concat_axis</c>) or dot (on <c>dot_axes</c>); in a
    /// Sequential model it holds its branch models (<c>layers</c>), each with its own input.
    /// </summary>
    public static KerasNode Merge(Json layer, string name, KerasConfig config, KerasReading reading)
    {
        string mode = config.String("mode") ?? "sum";
        KerasLayer? merge = mode switch
        {
            "sum" => new Add(name),
            "mul" => new Multiply(name),
            "ave" => new Average(name),
            "max" => new Maximum(name),
            "concat" => new Concatenate(config.OptInt("concat_axis") ?? -1, name),
            "dot" => new Dot(config.Ints("dot_axes") ?? [-1], false, name),
            _ => null,
        };
        if (merge is null)
        {
            string reason = "the Merge mode '" + mode + "' is not modelled";
            reading.Record(name, "Merge", layer.Path, reason);
            return new UnknownNode(name, "Merge", layer.Path, reason) { Trainable = config.Trainable };
        }

        var branches = new List<KerasGraph>();
        if (config.TryGet(out Json models, "layers") && models.Kind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (Json branch in models.Items())
            {
                branches.Add(KerasGraph.Parse(branch.Object(), reading, name + "_branch_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                index++;
            }
        }

        return new MergeNode(name, layer.Path, merge, branches)
        {
            Trainable = config.Trainable,
            FreezeWeights = !config.Trainable,
        };
    }

    /// <summary>A Keras 1 Merge: the merge of its branch models' outputs, with their weights, or of the tensors it receives.</summary>
    private sealed class MergeNode : KerasNode
    {
        private readonly KerasLayer merge;
        private readonly IReadOnlyList<KerasGraph> branches;

        public MergeNode(string name, string path, KerasLayer merge, IReadOnlyList<KerasGraph> branches)
            : base(name, "Merge", path)
        {
            this.merge = merge;
            this.branches = branches;
        }

        public override OutputShape? OwnInput(KerasReading reading) => branches.Count == 0 ? null : branches[0].Evaluate(null, reading).Input;

        public override NodeResult Evaluate(CallInputs inputs, KerasReading reading)
        {
            var weights = new List<WeightTensor>();
            IReadOnlyList<OutputShape> shapes = inputs.Args;
            if (branches.Count > 0)
            {
                var outputs = new List<OutputShape>();
                foreach (KerasGraph branch in branches)
                {
                    GraphResult result = branch.Evaluate(null, reading);
                    outputs.Add(result.Outputs[0]);
                    weights.AddRange(result.Rows.SelectMany(row => row.Weights.Select(w => w with { Path = row.Name + "/" + w.Path })));
                }

                shapes = outputs;
            }

            NodeResult merged = new CoreNode(Name, "Merge", Path, merge, CoreNode.Inputs.All).Evaluate(new CallInputs(shapes, new Dictionary<string, OutputShape>()), reading);
            return new NodeResult(merged.Outputs, Frozen(weights), null, 0, merged.Basis);
        }
    }
}
