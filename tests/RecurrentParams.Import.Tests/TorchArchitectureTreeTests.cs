using System;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Tests.Torch;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// State dicts of the torchinfo tree models (written by real PyTorch 1.13 as safetensors), read back into module trees:
/// the tree holds every tensor under its module, recognizes PyTorch's layers with the sizes PyTorch reports, and the
/// model rebuilt with the public API saves the same state dict.
/// </summary>
public sealed class TorchArchitectureTreeTests
{
    private const string Folder = "torch-trees";

    public static TheoryData<string> Ids() => Fixtures.Ids(Folder);

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_StateDict_RebuildsEveryTensorUnderItsModule(string id)
    {
        JsonElement truth = Fixtures.Manifest(Folder)[id];

        TorchModule tree = SafetensorsReader.ReadFile(Fixtures.PathOf(Folder, id + ".safetensors")).Module!;

        tree.StateDict().Select(Describe).Should().Equal(truth.GetProperty("tensors").EnumerateArray().Select(Describe), "the file's state_dict(), in order");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_StateDict_RecognizesTheLayersItDetermines(string id)
    {
        JsonElement truth = Fixtures.Manifest(Folder)[id];

        TorchModule tree = SafetensorsReader.ReadFile(Fixtures.PathOf(Folder, id + ".safetensors")).Module!;

        foreach (JsonElement module in truth.GetProperty("modules").EnumerateArray())
        {
            string path = module.GetProperty("path").GetString()!;
            TorchModule found = At(tree, path);
            if (module.TryGetProperty("rebuilt", out JsonElement rebuilt))
            {
                found.ToString().Should().Be(Determined(module, path) ?? rebuilt.GetString(), "module '{0}' of {1}: the {2} its tensors determine", path, id, module.GetProperty("class").GetString());
            }
            else
            {
                found.Parameters.Concat(found.Buffers).Select(t => t.Name).Should().BeEquivalentTo(
                    module.GetProperty("parameters").EnumerateArray().Concat(module.GetProperty("buffers").EnumerateArray()).Select(t => t[0].GetString()),
                    "module '{0}' of {1} keeps its own tensors", path, id);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void StateDict_ModelRebuiltWithTheApi_SavesWhatPyTorchSaved(string id)
    {
        JsonElement spec = Fixtures.TreeVector(id).GetProperty("spec");
        JsonElement truth = Fixtures.Manifest(Folder)[id];

        TorchModule model = TreeSpec.Model(spec);

        model.StateDict().Select(Describe).Should().Equal(truth.GetProperty("tensors").EnumerateArray().Select(Describe));
        model.NamedParameters().Sum(p => p.Count).Should().Be(truth.GetProperty("params").GetInt64());
    }

    [Fact]
    public void ReadFile_BareLstm_IsTheLstmItself()
    {
        TorchModule tree = SafetensorsReader.ReadFile(Fixtures.PathOf(Folder, "bare-lstm.safetensors")).Module!;

        tree.ToString().Should().Be("LSTM(5, 4, num_layers=2)", "batch_first is not in a state dict");
    }

    [Fact]
    public void ReadFile_Tagger_PrintsAsTheModelThatSavedIt()
    {
        TorchModule tree = SafetensorsReader.ReadFile(Fixtures.PathOf(Folder, "user-hierarchy-4-deep.safetensors")).Module!;

        tree.ToString().Should().Be("""
            user-hierarchy-4-deep(
              (embed): Embedding(30, 8)
              (encoder): Module(
                (block): Module(
                  (cell): Module(
                    (lstm): LSTM(8, 8)
                    (norm): LayerNorm((8,), eps=1e-05, elementwise_affine=True)
                  )
                )
                (proj): Linear(in_features=8, out_features=6, bias=True)
              )
              (classifier): Linear(in_features=6, out_features=5, bias=True)
            )
            """.ReplaceLineEndings("\n"));
        new TorchModelBuilder(tree).Build().TotalParams.Should().Be(Fixtures.Manifest(Folder)["user-hierarchy-4-deep"].GetProperty("params").GetInt64());
    }

    [Fact]
    public void RecoverModuleTree_HalfAndBFloatTensors_KeepTheirTypes()
    {
        TorchModule tree = SafetensorsReader.ReadFile(Fixtures.PathOf(Folder, "bfloat16-subtree.safetensors")).Module!;

        tree.StateDict().Where(t => t.Name.StartsWith("encoder.", StringComparison.Ordinal)).Should().OnlyContain(t => t.ElementType == ElementType.BFloat16);
        tree.StateDict().Single(t => t.Name == "fc.weight").ElementType.Should().Be(ElementType.Float32);
    }

    [Fact]
    public void RecoverModuleTree_NamesATreeCannotHold_AreLeftOut()
    {
        TensorInfo[] tensors =
        [
            new("a..b", "F32", new TensorShape(2)),
            new("fc.weight", "F32", new TensorShape(3, 2)),
            new("fc.weight", "F32", new TensorShape(3, 2)),
            new("fc", "F32", new TensorShape(1)),
            new("odd.x", "I16", new TensorShape(4)),
            new("flag", "BOOL", new TensorShape()),
            new("step", "I64", new TensorShape()),
        ];

        TorchModule tree = TorchArchitecture.RecoverModuleTree(tensors, "Net");

        tree.StateDict().Select(t => t.Name + " " + t.ElementType).Should().Equal("flag Int8", "step Int64", "fc.weight Float32");
        tree.ToString().Should().Be("Net(\n  (fc): Linear(in_features=2, out_features=3, bias=False)\n)");
    }

    [Fact]
    public void RecoverModuleTree_UnknownAndMixedModules_KeepTheirTensors()
    {
        TensorInfo[] tensors =
        [
            new("norm.weight", "F32", new TensorShape(4)),
            new("norm.bias", "F16", new TensorShape(4)),
            new("bn.running_mean", "F32", new TensorShape(4)),
            new("bn.running_var", "F32", new TensorShape(4)),
            new("bn.num_batches_tracked", "F32", new TensorShape()),
            new("proj.weight", "F32", new TensorShape(4, 0)),
            new("head.weight", "F32", new TensorShape(2, 4)),
            new("head.bias", "F32", new TensorShape(2)),
            new("head.extra.weight", "F32", new TensorShape(2, 2)),
            new("layers.0.weight", "F32", new TensorShape(2, 2, 2, 2)),
            new("layers.1.scale", "F32", new TensorShape(1)),
            new("emb_table.weight", "float16", new TensorShape(10, 3)),
            new("seq.0.weight", "FLOAT", new TensorShape(3, 3)),
            new("seq.2.weight", "FLOAT", new TensorShape(3, 3)),
        ];

        TorchModule tree = TorchArchitecture.RecoverModuleTree(tensors, "Net");

        tree.ToString().Should().Be("""
            Net(
              (norm): Module()
              (bn): Module()
              (proj): Module()
              (head): Module(
                (extra): Linear(in_features=2, out_features=2, bias=False)
              )
              (layers): Sequential(
                (0): Module()
                (1): Module()
              )
              (emb_table): Embedding(10, 3)
              (seq): Module(
                (0): Linear(in_features=3, out_features=3, bias=False)
                (2): Linear(in_features=3, out_features=3, bias=False)
              )
            )
            """.ReplaceLineEndings("\n"));
        tree.StateDict().Should().HaveCount(tensors.Length);
        ((CustomModule)tree.Children.Single(c => c.Name == "bn").Module).Buffers.Select(b => b.Name).Should().Equal("running_mean", "running_var", "num_batches_tracked");
        tree.Children.Single(c => c.Name == "emb_table").Module.Parameters.Single().ElementType.Should().Be(ElementType.Float16);
    }

    [Fact]
    public void RecoverModuleTree_NumberedRoot_IsASequential()
    {
        TorchModule tree = TorchArchitecture.RecoverModuleTree([new TensorInfo("0.weight", "F32", new TensorShape(3, 2)), new TensorInfo("1.weight", "F32", new TensorShape(4, 3, 2))], "saved");

        tree.ToString().Should().Be("Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=False)\n  (1): Conv1d(3, 4, kernel_size=(2,), stride=(1,), bias=False)\n)");
    }

    [Fact]
    public void RecoverModuleTree_TooDeep_ThrowsNamingTheLimit()
    {
        string name = string.Join(".", Enumerable.Repeat("m", 6)) + ".weight";

        Action act = () => TorchArchitecture.RecoverModuleTree([new TensorInfo(name, "F32", new TensorShape(1))], "Net", new ModelReaderOptions { MaxDepth = 5 });

        act.Should().Throw<ModelFormatException>().WithMessage("*nests 6 modules deep, more than the 5 levels ModelReaderOptions.MaxDepth allows*");
    }

    [Fact]
    public void RecoverModuleTree_BadArguments_Throw()
    {
        FluentActions.Invoking(() => TorchArchitecture.RecoverModuleTree(null!, "Net")).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        FluentActions.Invoking(() => TorchArchitecture.RecoverModuleTree([], null!)).Should().Throw<ArgumentNullException>().WithParameterName("className");
        FluentActions.Invoking(() => TorchArchitecture.RecoverModuleTree([], string.Empty)).Should().Throw<ArgumentException>().WithParameterName("className");
        FluentActions.Invoking(() => TorchArchitecture.RecoverModuleTree([null!], "Net")).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        TorchArchitecture.RecoverModuleTree([], "Empty").ToString().Should().Be("Empty()");
    }

    /// <summary>
    /// What a state dict cannot tell apart, derived here from the stored shapes: an Embedding is a bias-less Linear's
    /// single (n, d) weight, told apart only by a name with "emb"; a BatchNorm1d without running statistics stores a
    /// LayerNorm's weight and bias; a grouped Conv1d's weight (out, in / groups, k) reads as groups = 1. Otherwise
    /// <see langword="null"/>: the manifest's <c>rebuilt</c> repr, from PyTorch, is expected.
    /// </summary>
    private static string? Determined(JsonElement module, string path)
    {
        string name = path.Substring(path.LastIndexOf('.') + 1);
        long[][] shapes = module.GetProperty("parameters").EnumerateArray().Select(p => p[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()).ToArray();
        switch (module.GetProperty("class").GetString())
        {
            case "Embedding" when !name.Contains("emb", StringComparison.OrdinalIgnoreCase):
                return $"Linear(in_features={shapes[0][1]}, out_features={shapes[0][0]}, bias=False)";
            case "BatchNorm1d" when module.GetProperty("buffers").GetArrayLength() == 0:
                return $"LayerNorm(({shapes[0][0]},), eps=1e-05, elementwise_affine=True)";
            case "Conv1d":
                return $"Conv1d({shapes[0][1]}, {shapes[0][0]}, kernel_size=({shapes[0][2]},), stride=(1,){(shapes.Length == 1 ? ", bias=False" : string.Empty)})";
            default:
                return null;
        }
    }

    private static TorchModule At(TorchModule root, string path)
    {
        TorchModule current = root;
        foreach (string part in path.Length == 0 ? [] : path.Split('.'))
        {
            current = current.Children.First(c => c.Name == part).Module;
        }

        return current;
    }

    private static string Describe(WeightTensor tensor) => tensor.Name + " " + tensor.ElementType + " " + tensor.Shape;

    private static string Describe(JsonElement tensor)
    {
        ElementType type = tensor[1].GetString() switch
        {
            "F32" => ElementType.Float32,
            "F64" => ElementType.Float64,
            "F16" => ElementType.Float16,
            "BF16" => ElementType.BFloat16,
            "I64" => ElementType.Int64,
            var other => throw new NotSupportedException(other),
        };
        return tensor[0].GetString() + " " + type + " " + new TensorShape(tensor[2].EnumerateArray().Select(d => d.GetInt64()).ToArray());
    }
}
