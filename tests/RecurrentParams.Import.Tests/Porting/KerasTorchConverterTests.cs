using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Porting;
using RecurrentParams.Tests.Porting;
using Xunit;

namespace RecurrentParams.Import.Tests.Porting;

/// <summary>
/// File conversions against the frameworks (tools/oracles/porting): the library converts each case's Keras file and
/// PyTorch state dict, and the converted weights, run by the reference pass, reproduce the other framework's outputs.
/// The files these conversions write load in real Keras 3 and PyTorch (check_converted.py, see ConvertedFiles_...).
/// </summary>
public sealed class KerasTorchConverterTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void KerasToTorch_KerasArchive_ReproducesPyTorchOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);

        ModelConversion conversion = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", id + ".keras"));

        conversion.IsConvertible.Should().BeTrue();
        conversion.KerasJson.Should().BeNull();
        Same(conversion.SourceTensors, c.KerasWeights);
        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(conversion.Target!, conversion.Tensors, item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }

        if (c.Origin == "keras")
        {
            Same(conversion.Tensors, SafetensorsReader.ReadWeightsFile(Fixtures.PathOf("porting", id + ".safetensors")));
        }
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void KerasWeightsToTorch_WeightsFileAndModel_GiveTheSameTensorsAsTheArchive(string id)
    {
        PortingCase c = PortingCase.Load(id);

        ModelConversion fromWeights = KerasTorchConverter.KerasWeightsToTorch(Fixtures.PathOf("porting", id + ".weights.h5"), c.KerasModel);
        ModelConversion fromArchive = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", id + ".keras"));

        Same(fromWeights.Tensors, fromArchive.Tensors);
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void TorchToKeras_StateDict_ReproducesKerasOutputsAndWritesLoadableWeights(string id)
    {
        PortingCase c = PortingCase.Load(id);

        ModelConversion conversion = KerasTorchConverter.TorchToKeras(Fixtures.PathOf("porting", id + ".safetensors"), c.TorchModel);

        Same(conversion.Tensors, c.KerasWeights);
        conversion.KerasJson.Should().Be(KerasJson.Write(conversion.Target!));
        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(conversion.Target!, conversion.Tensors, item), c.KerasOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }

        // The written weights.h5 has the storage layout of Keras 3's own file for the same model.
        using var written = new MemoryStream();
        conversion.Write(written);
        written.Position = 0;
        IReadOnlyList<NamedTensor> stored = KerasWeights.Read(written);
        stored.Select(t => t.Name).Should().BeEquivalentTo(KerasWeights.ReadFile(Fixtures.PathOf("porting", id + ".weights.h5")).Select(t => t.Name));
        Same(KerasWeights.Resolve(conversion.Target!, stored), c.KerasWeights);
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void RoundTrip_KerasTorchKeras_ThroughFiles_GivesTheKerasWeightsBack(string id)
    {
        PortingCase c = PortingCase.Load(id);
        using var folder = new TempFolder();

        ModelConversion toTorch = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", id + ".keras"));
        toTorch.WriteFile(folder.File("model.safetensors"));
        ModelConversion back = KerasTorchConverter.TorchToKeras(folder.File("model.safetensors"), toTorch.Target!);
        back.WriteFile(folder.File("model.weights.h5"));
        IReadOnlyList<NamedTensor> reread = KerasWeights.Resolve(back.Target!, KerasWeights.ReadFile(folder.File("model.weights.h5")));

        Same(reread, c.KerasWeights);
    }

    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void RoundTrip_TorchKerasTorch_ThroughFiles_ReproducesPyTorchOutputs(string id)
    {
        PortingCase c = PortingCase.Load(id);
        using var folder = new TempFolder();

        ModelConversion toKeras = KerasTorchConverter.TorchToKeras(Fixtures.PathOf("porting", id + ".safetensors"), c.TorchModel);
        toKeras.WriteFile(folder.File("model.weights.h5"));
        ModelConversion back = KerasTorchConverter.KerasWeightsToTorch(folder.File("model.weights.h5"), toKeras.Target!);
        back.WriteFile(folder.File("model.safetensors"));
        IReadOnlyList<NamedTensor> reread = SafetensorsReader.ReadWeightsFile(folder.File("model.safetensors"));

        reread.Select(t => t.Name).Should().BeEquivalentTo(c.TorchWeights.Select(t => t.Name));
        for (int item = 0; item < c.BatchSize; item++)
        {
            PortingCase.MaxAbsDiff(c.Run(c.TorchModel, reread, item), c.TorchOutput[item]).Should().BeLessThanOrEqualTo(Tolerance);
        }
    }

    [Fact]
    public void ConvertedFiles_WrittenForTheFrameworkCheck_WhenAskedFor()
    {
        // RP_PORTING_OUT names a folder: the converted files go there for tools/oracles/porting/check_converted.py, which
        // loads them in real Keras 3 and PyTorch. Without it the files are written to a temporary folder and read back.
        string? requested = Environment.GetEnvironmentVariable("RP_PORTING_OUT");
        using var temporary = new TempFolder();
        string folder = string.IsNullOrEmpty(requested) ? temporary.Path : requested;
        Directory.CreateDirectory(folder);
        foreach (string id in PortingCase.Ids)
        {
            PortingCase c = PortingCase.Load(id);
            KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", id + ".keras")).WriteFile(Path.Combine(folder, id + ".safetensors"));
            ModelConversion keras = KerasTorchConverter.TorchToKeras(Fixtures.PathOf("porting", id + ".safetensors"), c.TorchModel);
            keras.WriteFile(Path.Combine(folder, id + ".weights.h5"));
            File.WriteAllText(Path.Combine(folder, id + ".keras.json"), keras.KerasJson);
        }

        Directory.GetFiles(folder).Should().HaveCountGreaterThanOrEqualTo(3 * PortingCase.Ids.Count());
    }

    [Fact]
    public void KerasToTorch_GruResetBefore_IsRefusedWithTheReason()
    {
        ModelConversion conversion = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", "refused-gru-reset-before.keras"));

        conversion.IsConvertible.Should().BeFalse();
        conversion.Refusals.Should().Equal(
            "gru: a Keras GRU with reset_after=False applies the reset gate before the recurrent matrix product, (r ⊙ h)·U; PyTorch's GRU always applies it after, r ⊙ (W_hn·h + b_hn), so no nn.GRU computes the same function");
        conversion.Tensors.Should().BeEmpty();
        conversion.Target.Should().BeNull();
        FluentActions.Invoking(() => conversion.Write(new MemoryStream())).Should().Throw<InvalidOperationException>()
            .WithMessage("The model cannot be converted exactly: gru: a Keras GRU with reset_after=False*");
        FluentActions.Invoking(() => conversion.WriteFile(Path.Combine(Path.GetTempPath(), "never-written.safetensors"))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void TorchToKeras_Projection_IsRefusedWithTheReason()
    {
        ModelSummary torch = new TorchModelBuilder("Net").Input(1, 6, 5).Lstm(4, projSize: 2, batchFirst: true, name: "lstm").Build();

        ModelConversion conversion = KerasTorchConverter.TorchToKeras(Fixtures.PathOf("porting", "refused-lstm-proj.safetensors"), torch);

        conversion.IsConvertible.Should().BeFalse();
        conversion.Refusals.Should().Equal(
            "lstm: an LSTM with proj_size=2 projects its hidden state through weight_hr; Keras' LSTM has no projection, so no Keras layer computes the same function");
        conversion.KerasJson.Should().BeNull();
        conversion.ToString().Should().Contain("refused: an LSTM with proj_size=2");
    }

    [Fact]
    public void KerasToTorch_HardSigmoid_IsRefusedFromTheConfig()
    {
        // Keras 2's default recurrent_activation: the weights map, the function does not.
        using var folder = new TempFolder();
        string path = folder.File("hard.keras");
        RewriteConfig(Fixtures.PathOf("porting", "keras-lstm-last-dense.keras"), path, config => config
            .Replace("\"recurrent_activation\": \"sigmoid\"", "\"recurrent_activation\": \"hard_sigmoid\"")
            .Replace("\"activation\": \"linear\"", "\"activation\": \"softmax\""));

        ModelConversion conversion = KerasTorchConverter.KerasToTorch(path);

        conversion.Map.IsConvertible.Should().BeTrue();
        conversion.IsConvertible.Should().BeFalse();
        conversion.Refusals.Should().Equal("lstm: recurrent_activation='hard_sigmoid'; PyTorch's nn.LSTM gates are sigmoid");
        conversion.Notes.Should().Equal("dense: the Dense activation 'softmax' is not part of nn.Linear; apply it after the layer");
        conversion.ToString().Should().EndWith("\nrefused: lstm: recurrent_activation='hard_sigmoid'; PyTorch's nn.LSTM gates are sigmoid\nnote: dense: the Dense activation 'softmax' is not part of nn.Linear; apply it after the layer");
    }

    [Fact]
    public void KerasToTorch_OtherConfigRefusals_NameTheOption()
    {
        using var folder = new TempFolder();
        string relu = folder.File("relu.keras");
        RewriteConfig(Fixtures.PathOf("porting", "keras-simplernn-dense.keras"), relu, config => config.Replace("\"activation\": \"tanh\"", "\"activation\": \"relu\""));
        string backwards = folder.File("backwards.keras");
        RewriteConfig(Fixtures.PathOf("porting", "keras-gru-dense.keras"), backwards, config => config.Replace("\"go_backwards\": false", "\"go_backwards\": true"));
        string sum = folder.File("sum.keras");
        RewriteConfig(Fixtures.PathOf("porting", "keras-bilstm-dense.keras"), sum, config => config.Replace("\"merge_mode\": \"concat\"", "\"merge_mode\": \"sum\""));

        KerasTorchConverter.KerasToTorch(relu).Refusals.Should().Equal("rnn: activation='relu'; PyTorch's nn.RNN computes tanh (relu is not mapped)");
        KerasTorchConverter.KerasToTorch(backwards).Refusals.Should().Equal("gru: go_backwards=True reads the sequence from its end and returns its outputs reversed; no nn module does alone");
        KerasTorchConverter.KerasToTorch(sum).Refusals.Should().Equal("bidirectional: merge_mode='sum' has no nn module equivalent (a bidirectional module concatenates its directions)");
    }

    [Fact]
    public void KerasToTorch_LegacyH5_ReadsModelWeights()
    {
        // A Keras 3 legacy save (model.save("x.h5")) from the Keras 3 generator: model_weights/<layer>/<model>/<layer>/...
        ModelConversion conversion = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("h5", "keras3-blog-simplernn.h5"));

        conversion.IsConvertible.Should().BeTrue();
        conversion.Tensors.Select(t => t.Name).Should().Equal("simple_rnn.weight_ih_l0", "simple_rnn.weight_hh_l0", "simple_rnn.bias_ih_l0", "simple_rnn.bias_hh_l0");
        conversion.SourceTensors.Select(t => t.Name).Should().Equal("simple_rnn/simple_rnn_cell/kernel", "simple_rnn/simple_rnn_cell/recurrent_kernel", "simple_rnn/simple_rnn_cell/bias");
    }

    [Fact]
    public void KerasToTorch_WeightsOnlyFile_AsksForTheModel()
    {
        FluentActions.Invoking(() => KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", "keras-gru-dense.weights.h5"))).Should().Throw<ModelFormatException>()
            .WithMessage("*written by save_weights()*pass the model to KerasWeightsToTorch*");
    }

    [Fact]
    public void Converter_InvalidArguments_Throw()
    {
        ModelSummary keras = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Build();
        ModelSummary torch = new TorchModelBuilder("Net").Input(1, 5).Lstm(4).Build();
        FluentActions.Invoking(() => KerasTorchConverter.KerasToTorch(null!)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => KerasTorchConverter.KerasToTorch(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => KerasTorchConverter.KerasWeightsToTorch("x", null!)).Should().Throw<ArgumentNullException>().WithParameterName("kerasModel");
        FluentActions.Invoking(() => KerasTorchConverter.KerasWeightsToTorch("x", torch)).Should().Throw<ArgumentException>().WithParameterName("kerasModel");
        FluentActions.Invoking(() => KerasTorchConverter.TorchToKeras("x", null!)).Should().Throw<ArgumentNullException>().WithParameterName("torchModel");
        FluentActions.Invoking(() => KerasTorchConverter.TorchToKeras("x", keras)).Should().Throw<ArgumentException>().WithParameterName("torchModel");
        FluentActions.Invoking(() => KerasTorchConverter.TorchToKeras(Fixtures.PathOf("porting", "keras-gru-dense.safetensors"), torch)).Should().Throw<ArgumentException>()
            .WithMessage("'source' has no tensor 'lstm.weight_ih_l0'*");
    }

    internal static void Same(IReadOnlyList<NamedTensor> actual, IReadOnlyList<NamedTensor> expected)
    {
        var byName = expected.ToDictionary(t => t.Name);
        actual.Select(t => t.Name).Should().BeEquivalentTo(byName.Keys);
        foreach (NamedTensor tensor in actual)
        {
            tensor.Shape.Should().Be(byName[tensor.Name].Shape, tensor.Name);
            tensor.Values.ToArray().Should().Equal(byName[tensor.Name].Values.ToArray(), tensor.Name);
        }
    }

    private static void RewriteConfig(string from, string to, Func<string, string> change)
    {
        File.Copy(from, to);
        using ZipArchive zip = ZipFile.Open(to, ZipArchiveMode.Update);
        ZipArchiveEntry entry = zip.GetEntry("config.json")!;
        string config;
        using (var reader = new StreamReader(entry.Open()))
        {
            config = reader.ReadToEnd();
        }

        string changed = change(config);
        changed.Should().NotBe(config, "the rewrite must change the config");
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("config.json").Open(), new UTF8Encoding(false));
        writer.Write(changed);
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rp-porting-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
