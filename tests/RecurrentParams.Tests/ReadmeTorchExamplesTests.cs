using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Tests.Conformance;
using RecurrentParams.Tests.Rendering;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// The README's "PyTorch models" section, compiled and run here (the snippet between <c>// begin-snippet</c> and
/// <c>// end-snippet</c> is checked verbatim by <see cref="ReadmeExamplesTests.Readme_ShowsEverySnippetVerbatim"/>).
/// The model is the generator's <c>readme-tagger</c>, so what the README prints is what torchinfo 1.8.0 and
/// <c>print(model)</c> printed for it.
/// </summary>
public sealed class ReadmeTorchExamplesTests
{
    [Fact]
    public void TorchTree_PrintsAsTorchinfoAndPrintModel()
    {
        // begin-snippet: torch-tree
        var encoder = new CustomModule(
            "Encoder",
            [("embedding", new Embedding(numEmbeddings: 1000, embeddingDim: 16)),
             ("lstm", new Recurrent(CellType.Lstm, inputSize: 16, hiddenSize: 32, batchFirst: true, bidirectional: true))],
            forward: (self, tokens) =>
            {
                (Tensor output, _) = self.Call("lstm", self.Call("embedding", tokens));
                return output;
            });
        TorchModule model = new CustomModule(
            "Tagger",
            [("encoder", encoder), ("head", new Sequential(new Linear(64, 32), new Relu(), new Linear(32, 9)))],
            forward: (self, tokens) => self.Call("head", self.Call("encoder", tokens)))
            .RequiresGrad("encoder.embedding", false); // a frozen, pretrained embedding

        ModelSummary summary = new TorchModelBuilder(model).Input(ElementType.Int64, 2, 20).Build();
        string torchinfo = summary.Render(SummaryFormat.Torchinfo); // summary(model, (2, 20), dtypes=[torch.long])
        string printed = summary.Render(SummaryFormat.TorchRepr);   // print(model)
        // end-snippet

        JsonElement vector = VectorFile.Load("torchinfo-trees.jsonl")["readme-tagger"];
        torchinfo.Should().Be(TorchinfoTreeTests.Canonical(vector.GetProperty("summaries").GetProperty("default").GetProperty("text").GetString()!));
        printed.Should().Be(vector.GetProperty("repr").GetString());
        string readme = File.ReadAllText(Path.Combine(ReadmeExamplesTests.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        readme.Should().Contain(torchinfo).And.Contain(printed);
        summary.NonTrainableParams.Should().Be(16_000, "Embedding(1000, 16) is frozen");
        model.StateDict().Select(t => t.Name).Should().StartWith(["encoder.embedding.weight", "encoder.lstm.weight_ih_l0"]);
    }
}
