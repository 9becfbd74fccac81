using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Porting;
using RecurrentParams.Tests.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// The README's examples, compiled and run here. Each snippet sits between <c>// begin-snippet: name</c> and
/// <c>// end-snippet</c>; <see cref="Readme_ShowsEverySnippetVerbatim"/> fails when the README's copy drifts.
/// </summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public void Counts_AreTheFrameworksNumbers()
    {
        // begin-snippet: counts
        long simpleRnn = Params.SimpleRnn(units: 4, inputSize: 5);              // 40
        long lstm = Params.Lstm(units: 4, inputSize: 5);                        // 160
        long gru = Params.Gru(units: 4, inputSize: 5);                          // 132: reset_after=True (Keras 3, TF2)
        long gruV1 = Params.Gru(units: 4, inputSize: 5, resetAfter: false);     // 120: Keras 2.3, TF1, TensorFlow.js
        long bidirectional = Params.Keras.Lstm(units: 4, inputSize: 5, bidirectional: true); // 320
        long torch = Params.Torch.Lstm(inputSize: 5, hiddenSize: 4);            // 176: two bias vectors
        long stacked = Params.Torch.Lstm(inputSize: 5, hiddenSize: 4, numLayers: 2, bidirectional: true, projSize: 2); // 576
        // end-snippet

        new[] { simpleRnn, lstm, gru, gruV1, bidirectional, torch, stacked }.Should().Equal(40, 160, 132, 120, 320, 176, 576);
    }

    [Fact]
    public void Explain_PrintsTheDerivationAndTheWeights()
    {
        // begin-snippet: explain
        LayerSpec spec = LayerSpec.Keras.Lstm(units: 4, inputSize: 5);
        string why = Params.Explain(spec).ToString();
        string weights = string.Join("\n", Params.Weights(spec).Select(w => $"{w.Path} {w.Shape} = {w.Count}"));
        // end-snippet

        why.Should().Be("LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160");
        weights.Should().Be("lstm_cell/kernel (5, 16) = 80\nlstm_cell/recurrent_kernel (4, 16) = 64\nlstm_cell/bias (16,) = 16");
        Readme.Should().Contain(why).And.Contain(weights);
    }

    [Fact]
    public void Builder_RendersEveryFormat()
    {
        // begin-snippet: builder
        ModelSummary summary = new KerasModelBuilder("encoder")
            .Input(timeSteps: null, features: 5)
            .Lstm(units: 4, returnSequences: true)
            .Bidirectional(new Recurrent(CellType.Gru, units: 8), MergeMode.Concat)
            .Dense(units: 3)
            .Build();

        string keras3 = summary.Render(SummaryFormat.Keras3);
        string keras2 = summary.Render(SummaryFormat.Keras2);
        string markdown = summary.Render(SummaryFormat.Markdown);
        string json = summary.Render(SummaryFormat.Json);
        // end-snippet

        summary.TotalParams.Should().Be(160 + (2 * Params.Gru(8, 4)) + ((16 * 3) + 3));
        Readme.Should().Contain(keras3.TrimEnd('\n')).And.Contain(keras2).And.Contain(markdown);
        json.Should().Contain("\"totalParams\": " + summary.TotalParams);
    }

    [Fact]
    public void TorchModel_RendersLikeTorchinfo()
    {
        // begin-snippet: torch
        ModelSummary net = new TorchModelBuilder("LSTMNet")
            .Input(ElementType.Int64, 1, 100)
            .Embedding(numEmbeddings: 20, embeddingDim: 300)
            .Lstm(hiddenSize: 512, numLayers: 2, batchFirst: true)
            .Linear(outFeatures: 20)
            .Build();
        string torchinfo = net.Render(SummaryFormat.Torchinfo);
        // end-snippet

        // torchinfo's README model: LSTM(300, 512, 2 layers) = 3,768,320 parameters (conventions note §7).
        net.Rows[2].Params.Should().Be(3_768_320, "the model's own row comes first");
        Readme.Should().Contain(torchinfo);
    }

    [Fact]
    public void CustomCell_IsCountedWithoutTouchingTheLibrary()
    {
        // begin-snippet: custom-cell
        FormulaRegistry registry = FormulaRegistry.CreateDefault(); // or FormulaRegistry.Default, process-wide
        registry.Register(new IndRnnFormula());
        var indRnn = new LayerSpec(IndRnnFormula.IndRnn, units: 4, inputSize: 5);
        long count = registry.CountParameters(indRnn);                 // 4·5 + 4 + 4 = 28
        string explanation = registry.Explain(indRnn).ToString();
        // end-snippet

        count.Should().Be(28);
        explanation.Should().Be("IndRNN(units=4) on 5 features: 5·4 + 4 + 4 = 28");
    }

    [Fact]
    public void Budget_LargestUnitsAndMatchingSizes()
    {
        // begin-snippet: budget
        int units = Params.Keras.MaxUnits(CellType.Lstm, inputSize: 128, budget: 1_000_000);                 // 439
        long fits = Params.Lstm(units, inputSize: 128);                                                       // 997,408
        long over = Params.Lstm(units + 1, inputSize: 128);                                                   // 1,001,440
        UnitsMatch gru = Params.MatchUnits(LayerSpec.Keras.Lstm(units: 256, inputSize: 128), CellType.Gru);
        int hidden = Params.Torch.MaxHiddenSize(CellType.Lstm, inputSize: 128, budget: 1_000_000, numLayers: 2, bidirectional: true); // 161
        // end-snippet

        // 4·(u·128 + u·u + u) at u = 439 and 440, around 10^6.
        new long[] { units, fits, over, hidden }.Should().Equal(439, 997_408, 1_001_440, 161);
        Params.Torch.Lstm(128, 161, numLayers: 2, bidirectional: true).Should().BeLessThanOrEqualTo(1_000_000);
        Params.Torch.Lstm(128, 162, numLayers: 2, bidirectional: true).Should().BeGreaterThan(1_000_000);
        Readme.Should().Contain("```\n" + gru + "\n```");
    }

    [Fact]
    public void WeightMap_ExplainsTheKerasToTorchGru()
    {
        // begin-snippet: weight-map
        Console.WriteLine(WeightMap.ForLayer(LayerSpec.Keras.Gru(units: 4, inputSize: 3), WeightLayout.Keras, WeightLayout.Torch));
        // end-snippet

        string explained = WeightMap.ForLayer(LayerSpec.Keras.Gru(units: 4, inputSize: 3), WeightLayout.Keras, WeightLayout.Torch).ToString();
        Readme.Should().Contain("```\n" + explained + "\n```");
        WeightMap.ForLayer(LayerSpec.Keras.Gru(units: 4, inputSize: 3, resetAfter: false), WeightLayout.Keras, WeightLayout.Torch).Refusals
            .Should().ContainSingle().Which.Should().Match(refusal => Readme.Contains("gru: " + refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ShowsEverySnippetVerbatim()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "RecurrentParams.Tests", "ReadmeExamplesTests.cs"))
            + File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "RecurrentParams.Tests", "ReadmeTorchExamplesTests.cs"));
        MatchCollection snippets = Regex.Matches(source, @"// begin-snippet: (?<name>[\w-]+)\r?\n(?<code>.*?)\r?\n\s*// end-snippet", RegexOptions.Singleline);

        snippets.Should().HaveCountGreaterThanOrEqualTo(6);
        foreach (Match snippet in snippets)
        {
            string code = Dedent(snippet.Groups["code"].Value);
            Readme.Should().Contain(code, "the README shows snippet '{0}' as compiled here", snippet.Groups["name"].Value);
        }

        string indRnn = File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "RecurrentParams.Tests", "Formulas", "IndRnnFormula.cs"));
        string body = indRnn[indRnn.IndexOf("public sealed class IndRnnFormula", StringComparison.Ordinal)..].Trim();
        Readme.Should().Contain(body.Replace("\r\n", "\n", StringComparison.Ordinal), "the README's custom cell is the tested one");
    }

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    internal static string RepositoryRoot
    {
        get
        {
            DirectoryInfo? directory = new(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecurrentParams.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("RecurrentParams.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Dedent(string code)
    {
        string[] lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
