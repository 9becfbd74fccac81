using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Torch;
using RecurrentParams.Tests.Torch;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>The README's "Summarize a model file" section: each printed table is what the reader renders for that fixture.</summary>
public sealed class ReadmeImportExamplesTests
{
    [Fact]
    public void Readme_ShowsWhatEachReaderRenders()
    {
        string[] shown =
        [
            KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-bilstm.json")).Summary.Render(SummaryFormat.Keras3).TrimEnd('\n'),
            TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-branch-concat.model.json")).Summary.Render(SummaryFormat.Keras2),
            KerasArchiveReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-bilstm.keras")).Summary.Render(SummaryFormat.Markdown),
            KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "keras3-blog-simplernn.h5")).Summary.Render(SummaryFormat.Keras3).TrimEnd('\n'),
            OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", "lstm-bidir-2layers-bf.onnx")).Summary.Render(SummaryFormat.Torchinfo),
            string.Join("\n", OnnxModelReader.ReadFile(Fixtures.PathOf("onnx-graphs", "graph-unresolvable-lstm.onnx")).Summary.Rows),
        ];
        ImportedModel weights = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "lstm-proj-bidir-2layers.safetensors"));
        string recovered = weights.Recovered[0] + "\n" + weights.Recovered[0].Derivation;

        string readme = Readme;

        foreach (string text in shown)
        {
            readme.Should().Contain(text);
        }

        readme.Should().Contain(recovered);
        // torch.nn.LSTM(10, 8, num_layers=2, bidirectional=True, proj_size=3): sum(p.numel()) printed by the generator.
        weights.Summary.TotalParams.Should().Be(1760);
    }

    [Fact]
    public void Readme_PyTorchCheckpoints_ShowsWhatEachKindPrints()
    {
        ImportedModel ckpt = TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "checkpoint-wrapped.pt"));
        ImportedModel module = TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "module-tagger.pt"));
        ImportedModel legacy = TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "legacy-state-dict.pt"));
        string[] shown =
        [
            TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "state-dict-zoo.pt")).Summary.Render(SummaryFormat.Torchinfo),
            string.Concat(new[] { "state_dict_key", "checkpoint.epoch", "optimizer_elements", "shared_tensors" }.Select(key => $"{key} = {ckpt.Metadata[key]}\n")),
            module.Summary.Render(SummaryFormat.Markdown) + "\n" + $"{module.Metadata["buffers"]} buffers, {module.Metadata["buffer_elements"]} elements\n",
            TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "torchscript-scripted.pt")).Summary.Render(SummaryFormat.Torchinfo),
            $"{legacy.Format} {legacy.Recovered[0]}\n" + legacy.Recovered[0].Derivation,
        ];

        string readme = Readme;

        foreach (string text in shown)
        {
            readme.Should().Contain("```\n" + text.TrimEnd('\n') + "\n```");
        }
    }

    /// <summary>The README's "Limits and untrusted input" section: its code runs, and the refusals it shows are what the readers say.</summary>
    [Fact]
    public void Readme_LimitsSection_ShowsWhatTheReadersSay()
    {
        string readme = Readme;
        string snippet = """
            var options = new ModelReaderOptions { MaxDocumentBytes = 256L * 1024 * 1024, MaxLayers = 500_000 };
            ImportedModel big = KerasModelReader.ReadFile("huge-model.json", options);
            """;
        var options = new ModelReaderOptions { MaxDocumentBytes = 256L * 1024 * 1024, MaxLayers = 500_000 };
        ImportedModel big = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-lstm.json"), options);
        Action tooManyLayers = () => KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-lstm.json"), new ModelReaderOptions { MaxLayers = 2 });
        byte[] claim = new byte[8];
        BitConverter.GetBytes(60_000_000UL).CopyTo(claim, 0);
        Action forwardOnly = () => SafetensorsReader.Read(new NonSeekableStream(claim));

        readme.Should().Contain(snippet.Replace("\r\n", "\n", StringComparison.Ordinal));
        big.Summary.TotalParams.Should().BeGreaterThan(0);
        readme.Should().Contain(tooManyLayers.Should().Throw<ModelFormatException>().Which.Message);
        readme.Should().Contain("ends in `" + forwardOnly.Should().Throw<ModelFormatException>().Which.Message + "`");
        foreach (string option in new[] { "MaxDocumentBytes", "MaxDepth", "MaxLayers", "MaxTensors", "MaxNameLength", "MaxInflatedBytes", "MaxBufferedBytes" })
        {
            readme.Should().Contain("| `" + option + "` |");
        }
    }

    [Fact]
    public void StateDict_ReadsBackIntoTheModelsTree()
    {
        string path = Fixtures.PathOf("torch-trees", "readme-tagger.safetensors");

        // begin-snippet: torch-state-dict
        ImportedModel file = SafetensorsReader.ReadFile(path); // readme-tagger.safetensors: the Tagger's state_dict()
        TorchModule read = file.Module!;
        string printed = read.ToString();
        string torchinfo = new TorchModelBuilder(read).Build().Render(SummaryFormat.Torchinfo); // summary(model)
        // end-snippet

        string readme = Readme;
        readme.Should().Contain(printed).And.Contain(torchinfo);
        TorchModule built = TreeSpec.Model(Fixtures.TreeVector("readme-tagger").GetProperty("spec"));
        read.StateDict().Select(t => (t.Name, t.Shape, t.ElementType)).Should().Equal(built.StateDict().Select(t => (t.Name, t.Shape, t.ElementType)), "the same names, shapes and dtypes");
    }

    [Fact]
    public void Readme_ShowsTheImportSnippetsVerbatim()
    {
        string source = File.ReadAllText(Repository.PathOf("tests", "RecurrentParams.Import.Tests", "ReadmeImportExamplesTests.cs"));
        MatchCollection snippets = Regex.Matches(source, @"// begin-snippet: (?<name>[\w-]+)\r?\n(?<code>.*?)\r?\n\s*// end-snippet", RegexOptions.Singleline);
        string readme = Readme;

        snippets.Should().NotBeEmpty();
        foreach (Match snippet in snippets)
        {
            string[] lines = snippet.Groups["code"].Value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            readme.Should().Contain(string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())), "the README shows snippet '{0}' as compiled here", snippet.Groups["name"].Value);
        }
    }

    /// <summary>The README's "Read any model file" section: what <see cref="ModelFile"/> prints for the custom-layer archive Keras 3 wrote.</summary>
    [Fact]
    public void Readme_ReadAnyModelFile_ShowsWhatModelFilePrints()
    {
        ImportedModel model = ModelFile.ReadFile(Fixtures.PathOf("keras3-more", "custom-with-weights.keras"));
        string shown = model.Format + "\n" + model.Summary.Render(SummaryFormat.Keras3);

        string readme = Readme;

        model.Format.Should().Be(ModelFileFormat.KerasArchive);
        readme.Should().Contain("```\n" + shown.TrimEnd('\n') + "\n```");
    }

    /// <summary>The README's "Move weights between Keras and PyTorch" section: what the converter prints for the Keras 3 GRU model.</summary>
    [Fact]
    public void Readme_KerasToTorchConversion_ShowsWhatTheConverterPrints()
    {
        ModelConversion conversion = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", "keras-gru-dense.keras"));
        ModelConversion refused = KerasTorchConverter.KerasToTorch(Fixtures.PathOf("porting", "refused-gru-reset-before.keras"));

        string readme = Readme;

        conversion.IsConvertible.Should().BeTrue();
        readme.Should().Contain("```\n" + conversion.ToString().TrimEnd('\n') + "\n```");
        refused.IsConvertible.Should().BeFalse();
        readme.Should().Contain("```\n" + string.Join("\n", refused.Refusals) + "\n```");
    }

    private static string Readme => File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
}
