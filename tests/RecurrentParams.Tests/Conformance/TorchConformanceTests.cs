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
        ModelSummary summary = new TorchModelBuilder(id)
            .Input(row.String("module") == "Embedding" ? ElementType.Int64 : ElementType.Float32, input)
            .Add(Module(row.String("module")!, row.GetProperty("config"), input.Length))
            .Build();
        LayerSummary layer = summary.Rows.Single();

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

            builder.Add(Module(layer.String("type")!, layer.GetProperty("args"), rank: 3, layer.String("name"), batchFirst: true));
        }

        ModelSummary summary = builder.Build();
        JsonElement[] modules = row.GetProperty("modules").EnumerateArray().ToArray();
        summary.Rows.Should().HaveCount(modules.Length);
        for (int k = 0; k < modules.Length; k++)
        {
            string where = $"vector {id}, module {modules[k].String("name")}";
            LayerSummary actual = summary.Rows[k];
            actual.Name.Should().Be(modules[k].String("name"), where);
            actual.ClassName.Should().Be(modules[k].String("type"), where);
            actual.OutputShape.ToListString().Should().Be(KerasSpecReader.Shape(modules[k].GetProperty("outputShape")).ToListString(), where);
            actual.Params.Should().Be(modules[k].GetProperty("params").GetInt64(), where);
            actual.Weights.Select(w => $"{w.Name} {w.Shape.ToListString()}").Should().Equal(
                modules[k].GetProperty("weights").EnumerateArray().Select(w => $"{w.GetProperty("name").GetString()} [{string.Join(", ", w.GetProperty("shape").Shape())}]"), where);
        }

        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: total", id);
        summary.TrainableParams.Should().Be(row.GetProperty("trainable").GetInt64(), "vector {0}: trainable", id);
    }

    private static RecurrentParams.Torch.TorchModule Module(string type, JsonElement args, int rank, string? name = null, bool? batchFirst = null) => type switch
    {
        "RNN" or "LSTM" or "GRU" => new RecurrentParams.Torch.Recurrent(
            type == "RNN" ? CellType.SimpleRnn : new CellType(type),
            args.Int("hidden_size")!.Value,
            args.Int("num_layers") ?? 1,
            args.Bool("bias") ?? true,
            args.Bool("bidirectional") ?? false,
            args.Int("proj_size") ?? 0,
            batchFirst ?? args.Bool("batch_first") ?? false,
            name),
        "Linear" => new RecurrentParams.Torch.Linear(args.Int("out_features")!.Value, args.Bool("bias") ?? true, name),
        "Embedding" => new RecurrentParams.Torch.Embedding(args.Int("num_embeddings")!.Value, args.Int("embedding_dim")!.Value, name),
        "LayerNorm" => new RecurrentParams.Torch.LayerNorm(
            args.Bool("elementwise_affine") ?? true,
            args.GetProperty("normalized_shape").ValueKind == JsonValueKind.Array ? args.GetProperty("normalized_shape").GetArrayLength() : 1,
            name),
        // The model vectors run BatchNorm1d on x.transpose(1, 2) for 3-D sequences: features last.
        "BatchNorm1d" => new RecurrentParams.Torch.BatchNorm1d(args.Bool("affine") ?? true, featuresLast: batchFirst == true && rank == 3, name),
        "Dropout" => new RecurrentParams.Torch.Dropout(args.TryGetProperty("p", out JsonElement p) ? p.GetDouble() : 0.5, name),
        _ => throw new NotSupportedException(type),
    };
}
