using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests.Torch;

/// <summary>Real torch.save / torch.jit.save files of PyTorch 1.13 (tools/oracles/files/torch_checkpoint_files.py), read without running them.</summary>
public sealed class TorchCheckpointReaderTests
{
    public static TheoryData<string> Models => Fixtures.Ids("torch", r => r.Str("kind") != "hostile");

    public static TheoryData<string> StateDicts => Fixtures.Ids("torch", r => r.Str("content") is "state_dict" or "checkpoint");

    public static TheoryData<string> ModuleTrees => Fixtures.Ids("torch", r => r.Str("content") is "module" or "torchscript");

    [Theory]
    [MemberData(nameof(StateDicts))]
    public void ReadFile_StateDict_CountsWhatPyTorchCounts(string id)
    {
        JsonElement truth = Fixtures.Manifest("torch")[id];

        ImportedModel model = Read(id);

        model.Format.Should().Be(truth.Str("kind") == "legacy" ? ModelFileFormat.TorchLegacyCheckpoint : ModelFileFormat.TorchCheckpoint);
        model.Summary.Name.Should().Be(Path.GetFileNameWithoutExtension(truth.Str("file")!));
        model.Metadata["content"].Should().Be(truth.Str("content"));
        model.Metadata["state_dict_key"].Should().Be(truth.Str("stateDictKey"));
        model.Tensors.Should().HaveCount((int)truth.Long("stateDictTensors"));
        model.Summary.TotalParams.Should().Be(truth.Long("stateDictElements"));
        model.Summary.TotalParams.Should().Be(truth.Long("params") + truth.Long("buffers") + Tied(truth), "a state dict holds the parameters, the buffers and a tied weight twice");
        model.Metadata["dtypes"].Should().Be(string.Join(", ", truth.GetProperty("dtypes").Strings()));
        foreach (JsonProperty bytes in truth.GetProperty("bytesByDtype").EnumerateObject())
        {
            model.Metadata["bytes." + bytes.Name].Should().Be(bytes.Value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(ModuleTrees))]
    public void ReadFile_ModuleTree_CountsParametersAsTorchinfoAndBuffersApart(string id)
    {
        JsonElement truth = Fixtures.Manifest("torch")[id];

        ImportedModel model = Read(id);

        model.Format.Should().Be(truth.Str("kind") switch
        {
            "legacy" => ModelFileFormat.TorchLegacyCheckpoint,
            "torchscript" => ModelFileFormat.TorchScript,
            _ => ModelFileFormat.TorchCheckpoint,
        });
        model.Metadata["content"].Should().Be(truth.Str("content"));
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.Long("trainable"));
        model.Metadata["parameters"].Should().Be(truth.Long("parameterTensors").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Metadata["buffers"].Should().Be(truth.Long("bufferTensors").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Metadata["buffer_elements"].Should().Be(truth.Long("buffers").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Tensors.Sum(t => t.ElementCount).Should().Be(truth.Long("params") + truth.Long("buffers"));
        model.Metadata["modules"].Should().Be((truth.GetProperty("modules").GetArrayLength() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ReadFile_AnyKind_RecoversEveryRecurrentModule(string id)
    {
        JsonElement truth = Fixtures.Manifest("torch")[id];
        JsonElement[] expected = truth.GetProperty("recurrent").EnumerateArray().ToArray();
        string prefix = truth.Str("id") == "lightning" ? "model." : string.Empty;

        ImportedModel model = Read(id);

        model.Recovered.Should().HaveCount(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            RecoveredModule module = model.Recovered[k];
            module.Prefix.Should().Be(prefix + expected[k].Str("prefix"));
            module.IsAmbiguous.Should().BeFalse(module.Ambiguity);
            module.ClassName.Should().Be(expected[k].Str("type"));
            Params.Count(module.Spec!).Should().Be(expected[k].Long("params"));
            module.Spec!.NumLayers.Should().Be((int)expected[k].Long("numLayers"));
            module.Spec.Directions.Should().Be(expected[k].GetProperty("bidirectional").GetBoolean() ? 2 : 1);
            module.Spec.ProjSize.Should().Be((int)expected[k].Long("projSize"));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Read_NonSeekableStream_GivesTheSameSummary(string id)
    {
        ImportedModel expected = Read(id);
        using var stream = new NonSeekableStream(Fixtures.Bytes("torch", Fixtures.Manifest("torch")[id].Str("file")!));

        ImportedModel model = TorchCheckpointReader.Read(stream);

        model.Summary.Rows.Should().Equal(expected.Summary.Rows);
        model.Tensors.Should().Equal(expected.Tensors);
        model.Summary.Name.Should().Be("model");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void LooksLikeTorch_EveryFixture_IsTrue(string id)
    {
        byte[] bytes = Fixtures.Bytes("torch", Fixtures.Manifest("torch")[id].Str("file")!);

        TorchCheckpointReader.LooksLikeTorch(bytes.AsSpan(0, 64)).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ModelFile_AnyKind_IsReadByThisReader(string id)
    {
        ImportedModel expected = Read(id);
        string path = Fixtures.PathOf("torch", Fixtures.Manifest("torch")[id].Str("file")!);

        ImportedModel fromFile = ModelFile.ReadFile(path);
        using var stream = new NonSeekableStream(File.ReadAllBytes(path));
        ImportedModel fromStream = ModelFile.Read(stream);

        fromFile.Format.Should().Be(expected.Format);
        fromFile.Summary.Should().Be(expected.Summary);
        fromStream.Tensors.Should().Equal(expected.Tensors);
    }

    [Fact]
    public void ReadFile_WrappedCheckpoint_SaysWhichKeyAndCountsTheOptimizerApart()
    {
        JsonElement truth = Fixtures.Manifest("torch")["checkpoint-wrapped"];

        ImportedModel model = Read("checkpoint-wrapped");

        model.Metadata["state_dict_key"].Should().Be("model_state_dict");
        model.Metadata["optimizer_elements"].Should().Be(truth.Long("optimizerElements").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Metadata["checkpoint.epoch"].Should().Be("12");
        model.Metadata["checkpoint.loss"].Should().Be("0.25");
        model.Metadata.Should().NotContainKey("other_tensors");
    }

    [Fact]
    public void ReadFile_Lightning_UsesStateDictAndKeepsCallbackTensorsApart()
    {
        JsonElement truth = Fixtures.Manifest("torch")["lightning"];

        ImportedModel model = Read("lightning");

        model.Metadata["state_dict_key"].Should().Be("state_dict");
        model.Metadata["optimizer_elements"].Should().Be(truth.Long("optimizerElements").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Metadata["other_tensors"].Should().Be("1", "callbacks.ModelCheckpoint.best_model_score is a scalar tensor");
        model.Metadata["checkpoint.pytorch-lightning_version"].Should().Be("1.9.0");
        model.Summary.Rows.Select(r => r.Name).Should().Equal("model.embedding", "model.encoder.lstm", "model.decoder.gru", "model.fc");
    }

    [Fact]
    public void ReadFile_WholeModule_RowsFollowTheModuleTreeWithClassNames()
    {
        ImportedModel model = Read("module-tagger");

        model.Summary.Rows.Select(r => (r.Name, r.ClassName)).Should().Equal(
            ("emb", "Embedding"), ("rnn", "LSTM"), ("norm", "BatchNorm1d"), ("head", "Linear"));
        model.Summary.Rows[3].NonTrainableParams.Should().Be(7, "head.bias was frozen with requires_grad_(False)");
        model.Metadata["module_class"].Should().Be("__main__.Tagger");
        model.Metadata["shared_tensors"].Should().Be("1", "out.weight is emb.weight");
        model.Tensors.Select(t => t.Name).Should().Contain(["norm.running_mean", "norm.running_var", "norm.num_batches_tracked"]);
    }

    [Fact]
    public void ReadWithTree_WholeModule_KeepsClassesNamesParametersAndBuffers()
    {
        using var stream = File.OpenRead(Fixtures.PathOf("torch", "module-tagger.pt"));

        TorchModuleNode tree = TorchCheckpointReader.ReadWithTree(stream).Tree!;

        tree.ClassName.Should().Be("__main__.Tagger");
        tree.Name.Should().BeEmpty();
        tree.Children.Select(c => (c.Name, c.ClassName)).Should().Equal(
            ("emb", "torch.nn.modules.sparse.Embedding"),
            ("rnn", "torch.nn.modules.rnn.LSTM"),
            ("norm", "torch.nn.modules.batchnorm.BatchNorm1d"),
            ("head", "torch.nn.modules.linear.Linear"),
            ("out", "torch.nn.modules.linear.Linear"));
        TorchModuleNode norm = tree.Children[2];
        norm.Buffers.Select(b => b.Path).Should().Equal("norm.running_mean", "norm.running_var", "norm.num_batches_tracked");
        norm.Buffers[2].Info.DataType.Should().Be("int64");
        tree.Children[3].Parameters.Select(p => (p.Name, p.RequiresGrad)).Should().Equal(("weight", true), ("bias", false));
        tree.Children[4].Parameters.Single().SameAs.Should().Be("emb.weight");
    }

    [Fact]
    public void ReadWithTree_ModuleReused_IsListedOnceAndPointsToItsFirstPlace()
    {
        using var stream = File.OpenRead(Fixtures.PathOf("torch", "module-shared.pt"));

        TorchReadResult result = TorchCheckpointReader.ReadWithTree(stream);

        result.Tree!.Children.Select(c => (c.Name, c.SameAs)).Should().Equal(("gru", null), ("again", "gru"), ("head", null));
        result.Tree.Children[1].Parameters.Should().BeEmpty();
        result.Model.Summary.TotalParams.Should().Be(Fixtures.Manifest("torch")["module-shared"].Long("params"));
    }

    [Fact]
    public void ReadWithTree_StateDict_HasNoTree()
    {
        using var stream = File.OpenRead(Fixtures.PathOf("torch", "state-dict-lstm.pt"));

        TorchCheckpointReader.ReadWithTree(stream).Tree.Should().BeNull();
    }

    [Fact]
    public void ReadFile_TiedStateDict_CountsBothEntriesAndSaysTheyShareAStorage()
    {
        ImportedModel model = Read("state-dict-tied");

        model.Metadata["shared_tensors"].Should().Be("1");
        model.Tensors.Select(t => t.Name).Should().Contain(["emb.weight", "out.weight"]);
    }

    [Fact]
    public void ReadFile_TorchScript_ReadsParametersAndBuffersFromTheCodeDeclarations()
    {
        ImportedModel model = Read("torchscript-scripted");

        model.Metadata["serialization"].Should().Be("torchscript");
        model.Metadata["torchscript_code"].Should().EndWith("parameters and buffers as their __parameters__ and __buffers__ declare");
        model.Metadata["module_class"].Should().Be("__torch__.GruHead");
        model.Tensors.Select(t => t.Name).Should().Contain("scale");
        model.Summary.Rows.Select(r => (r.Name, r.ClassName)).Should().Equal(("gru", "GRU"), ("head", "Linear"));
    }

    [Fact]
    public void ReadFile_Legacy_ReadsTheHeaderPicklesIntoMetadata()
    {
        ImportedModel model = Read("legacy-state-dict");

        model.Metadata["serialization"].Should().Be("legacy");
        model.Metadata["legacy_protocol_version"].Should().Be("1001");
        model.Metadata["little_endian"].Should().Be("True");
        model.Tensors.Should().OnlyContain(t => t.DataType == "float64");
    }

    [Fact]
    public void ReadFile_Fp16_ReportsDtypeAndBytes()
    {
        ImportedModel model = Read("state-dict-fp16");

        model.Tensors.Should().OnlyContain(t => t.DataType == "float16");
        model.Metadata["bytes.float16"].Should().Be("704");
    }

    [Fact]
    public void Read_OneGigabyteCheckpoint_ReadsOnlyTheDirectoryAndThePickle()
    {
        string path = Path.Combine(Path.GetTempPath(), "rp-torch-" + Guid.NewGuid().ToString("N") + ".pt");
        try
        {
            long size = TorchFiles.WriteSparseLstm(path, inputSize: 4096, hiddenSize: 4096, numLayers: 2);
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            using var counting = new CountingStream(file);
            long before = GC.GetAllocatedBytesForCurrentThread();

            ImportedModel model = TorchCheckpointReader.Read(counting);

            (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
            size.Should().BeGreaterThan(1L << 30);
            counting.BytesRead.Should().BeLessThan(128 * 1024, "the end record search reads the last 65,557 bytes; the rest is the directory and the pickle");
            model.Summary.TotalParams.Should().Be(Params.Count(LayerSpec.Torch.Lstm(4096, 4096, numLayers: 2)));
            model.Recovered.Single().Prefix.Should().Be("lstm");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(StateDicts))]
    [MemberData(nameof(ModuleTrees))]
    public void ReadFile_AnyKind_RebuildsTheModuleTreeWithEveryParameter(string id)
    {
        JsonElement truth = Fixtures.Manifest("torch")[id];

        ImportedModel model = Read(id);

        // The tree holds every stored tensor under its module: a state dict's entries (a tied weight twice), or a whole
        // module's parameters and buffers, as the run that wrote the file counted them.
        static long Elements(RecurrentParams.Torch.TorchModule module) =>
            module.Parameters.Concat(module.Buffers).Sum(t => t.Count) + module.Children.Sum(c => Elements(c.Module));
        bool stateDict = truth.Str("content") is "state_dict" or "checkpoint";

        model.Module.Should().NotBeNull();
        Elements(model.Module!).Should().Be(stateDict ? truth.Long("stateDictElements") : truth.Long("params") + truth.Long("buffers"));
        new TorchModelBuilder(model.Module!).Build().TotalParams.Should().BeLessThanOrEqualTo(Elements(model.Module!), "torchinfo counts parameters, not buffers");
    }

    private static long Tied(JsonElement truth) => truth.Str("id") is "state-dict-tied" or "checkpoint-wrapped" ? 500 : 0;

    private static ImportedModel Read(string id) => TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", Fixtures.Manifest("torch")[id].Str("file")!));
}
