using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>The package README's example, run against the fixtures.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void ReadmeExample_RunsAndPrintsWhatItSays()
    {
        using var output = new StringWriter();
        TextWriter console = Console.Out;
        Console.SetOut(output);
        try
        {
            // The README's code, with the fixtures' paths.
            ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-lstm.json"));
            Console.WriteLine(model.Summary.TotalParams);

            ImportedModel tfjs = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs", "seq-emb-lstm-dense.model.json"));
            Console.WriteLine(tfjs.CountsAgree);

            ImportedModel weights = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "seq2seq.safetensors"));
            foreach (RecoveredModule module in weights.Recovered)
            {
                Console.WriteLine(module);
                Console.WriteLine(module.Derivation);
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        string[] lines = output.ToString().Split('\n');
        lines[0].Should().Be("2451");
        lines[1].Should().Be("True");
        lines[2].Should().Be("encoder.lstm: LSTM(input_size=12, hidden_size=16, num_layers=2)");
        lines.Should().Contain(l => l.StartsWith("decoder.gru: GRU(input_size=12, hidden_size=16)", StringComparison.Ordinal));
        File.ReadAllText(Repository.PathOf("src", "RecurrentParams.Import", "README.md"))
            .Should().Contain("encoder.lstm: LSTM(input_size=12, hidden_size=16, num_layers=2)");
        lines.Count(l => l.Contains("total:", StringComparison.Ordinal)).Should().Be(1);
    }
}
