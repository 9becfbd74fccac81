using System;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Conformance;

/// <summary>
/// PyTorch modules and module stacks, run forward by real PyTorch, rebuilt with <see cref="ModelBuilder"/> in the PyTorch
/// convention: every output shape PyTorch returned, every parameter (name, shape) and every count must match.
/// </summary>
public sealed class TorchConformanceTests
{
    private const string Layers = "torch-layers.jsonl";
    private const string Models = "torch-models.jsonl";

    private static readonly string[] Modules = ["RNN", "LSTM", "GRU", "Linear", "Embedding", "LayerNorm", "BatchNorm1d", "Dropout"];

    public static TheoryData<string> LayerIds => VectorFile.Ids(Layers, row => Modules.Contains(row.String("module")) && row.TryGetProperty("outputShapes", out _));

    public static TheoryData<string> ModelIds => VectorFile.Ids(Models, _ => true);

    [Theory]
    [MemberData(nameof(LayerIds))]
    public void TorchModule_AsModel_MatchesPyTorchForwardPass(string id)
    {
        JsonElement row = VectorFile.Load(Layers)[id];
        int[] input = row.GetProperty("inputShape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        ModelSummary summary = new TorchModelBuilder(Module(row.String("module")!, row.GetProperty("config")))
            .Input(row.String("module") == "Embedding" ? ElementType.Int64 : ElementType.Float32, input)
            .Build();
        LayerSummary layer = summary.Rows.Single(); // a bare module is the model's own row

        layer.Outputs.Select(o => o.ToListString()).Should().Equal(
            row.GetProperty("outputShapes").EnumerateArray().Select(s => KerasSpecReader.Shape(s).ToListString()), "vector {0}: every tensor the forward pass returned", id);
        layer.Params.Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: sum(p.numel())", id);
        layer.Weights.Select(w => $"{w.Name} {w.Shape.ToListString()}").Should().Equal(
            row.GetProperty("weights").EnumerateArray().Select(w => $"{w.GetProperty("name").GetString()} [{string.Join(", ", w.GetProperty("shape").Shape())}]"),
            "vector {0}: named_parameters()", id);
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void TorchModel_MatchesPyTorchForwardPass(string id)
    {
        JsonElement row = VectorFile.Load(Models)[id];
        JsonElement spec = row.GetProperty("spec");
        JsonElement input = spec.GetProperty("input");
        int[] size = input.GetProperty("size").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        ElementType dtype = input.String("dtype") == "int64" ? ElementType.Int64 : ElementType.Float32;
        var builder = new TorchModelBuilder(id).Input(dtype, size);
        foreach (JsonElement layer in spec.GetProperty("layers").EnumerateArray())
        {
            if (layer.String("input") == "last")
            {
                builder.TakeLastTimeStep();
            }

            if (layer.String("type") == "BatchNorm1d")
            {
                // The model vectors run BatchNorm1d on x.transpose(1, 2) for 3-D sequences: features last.
                builder.BatchNorm1d(layer.GetProperty("args").Bool("affine") ?? true, featuresLast: true, layer.String("name"));
                continue;
            }

            builder.Add(Module(layer.String("type")!, layer.GetProperty("args")), layer.String("name"));
        }

        ModelSummary summary = builder.Build();
        JsonElement[] modules = row.GetProperty("modules").EnumerateArray().ToArray();
        summary.Rows.Should().HaveCount(modules.Length + 1, "the model's own row comes first");
        for (int k = 0; k < modules.Length; k++)
        {
            string where = $"vector {id}, module {modules[k].String("name")}";
            LayerSummary actual = summary.Rows[k + 1];
            actual.Name.Should().Be(modules[k].String("name"), where);
            actual.ClassName.Should().Be(modules[k].String("type"), where);
            // The vectors record a BatchNorm1d's output after the step transposes it back; the module itself returns (N, F, T).
            OutputShape shape = actual.ClassName == "BatchNorm1d" && actual.OutputShape.Rank == 3
                ? new OutputShape(actual.OutputShape[0], actual.OutputShape[2], actual.OutputShape[1])
                : actual.OutputShape;
            shape.ToListString().Should().Be(KerasSpecReader.Shape(modules[k].GetProperty("outputShape")).ToListString(), where);
            actual.Params.Should().Be(modules[k].GetProperty("params").GetInt64(), where);
            actual.Weights.Select(w => $"{w.Name} {w.Shape.ToListString()}").Should().Equal(
                modules[k].GetProperty("weights").EnumerateArray().Select(w => $"{w.GetProperty("name").GetString()} [{string.Join(", ", w.GetProperty("shape").Shape())}]"), where);
        }

        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: total", id);
        summary.TrainableParams.Should().Be(row.GetProperty("trainable").GetInt64(), "vector {0}: trainable", id);
    }

    /// <summary>The module with the vector's constructor arguments (PyTorch's defaults for the others).</summary>
    private static RecurrentParams.Torch.TorchModule Module(string type, JsonElement args) => type switch
    {
        "RNN" or "LSTM" or "GRU" => new RecurrentParams.Torch.Recurrent(
            type == "RNN" ? CellType.SimpleRnn : new CellType(type),
            args.Int("input_size")!.Value,
            args.Int("hidden_size")!.Value,
            numLayers: args.Int("num_layers") ?? 1,
            bias: args.Bool("bias") ?? true,
            batchFirst: args.Bool("batch_first") ?? false,
            bidirectional: args.Bool("bidirectional") ?? false,
            projSize: args.Int("proj_size") ?? 0),
        "Linear" => new RecurrentParams.Torch.Linear(args.Int("in_features")!.Value, args.Int("out_features")!.Value, args.Bool("bias") ?? true),
        "Embedding" => new RecurrentParams.Torch.Embedding(args.Int("num_embeddings")!.Value, args.Int("embedding_dim")!.Value),
        "LayerNorm" => new RecurrentParams.Torch.LayerNorm(
            args.GetProperty("normalized_shape").ValueKind == JsonValueKind.Array ? args.GetProperty("normalized_shape").EnumerateArray().Select(d => d.GetInt32()).ToArray() : [args.GetProperty("normalized_shape").GetInt32()],
            elementwiseAffine: args.Bool("elementwise_affine") ?? true),
        "BatchNorm1d" => new RecurrentParams.Torch.BatchNorm1d(args.Int("num_features")!.Value, affine: args.Bool("affine") ?? true, trackRunningStats: args.Bool("track_running_stats") ?? true),
        "Dropout" => new RecurrentParams.Torch.Dropout(args.TryGetProperty("p", out JsonElement p) ? p.GetDouble() : 0.5),
        _ => throw new NotSupportedException(type),
    };
}
