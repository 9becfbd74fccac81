using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary><c>rparams solve</c>: the largest units within a budget, the sizes nearest to another layer, --json, and bad input.</summary>
public sealed class SolveCommandTests
{
    [Fact]
    public void Solve_KerasBudget_PrintsTheLargestUnitsAndTheNextSize()
    {
        // LSTM(439) on 128 features: 4 × (439·439 + 439·128 + 439) = 997,408 ≤ 1,000,000 < 4 × (440·440 + 440·128 + 440) = 1,001,440.
        Params.Lstm(439, 128).Should().Be(997_408);
        Params.Lstm(440, 128).Should().Be(1_001_440);

        CliResult result = CliRunner.Exec("solve", "lstm", "--input", "128", "--budget", "1M");

        result.Should().Be(new CliResult(
            0,
            """
            Keras LSTM on 128 input features: largest units within 1,000,000 parameters
              units=439: 997,408 parameters, 2,592 under
              units=440: 1,001,440 parameters, 1,440 over

            """.Replace("\r\n", "\n", System.StringComparison.Ordinal),
            string.Empty));
    }

    [Fact]
    public void Solve_TorchBudget_NamesHiddenSizeAndUsesTwoBiases()
    {
        CliResult result = CliRunner.Exec("solve", "lstm", "--input", "128", "--budget", "1000000", "--torch");

        int size = Params.Torch.MaxHiddenSize(CellType.Lstm, 128, 1_000_000);
        result.ExitCode.Should().Be(0);
        result.Output.Should().Be(
            "torch.nn.LSTM on 128 input features: largest hidden_size within 1,000,000 parameters\n"
            + "  hidden_size=" + size + ": " + Params.Torch.Lstm(128, size).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " parameters, 836 under\n"
            + "  hidden_size=" + (size + 1) + ": " + Params.Torch.Lstm(128, size + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " parameters, 3,200 over\n");
        (1_000_000 - Params.Torch.Lstm(128, size)).Should().Be(836);
    }

    public static TheoryData<string, string[]> Requests() => new()
    {
        { "lstm", [] },
        { "gru", ["--reset-after", "false"] },
        { "rnn", ["--no-bias", "--bidirectional"] },
        { "lstm", ["--layers", "3", "--bidirectional"] },
        { "gru", ["--layers", "4"] },
        { "gru", ["--layers", "2", "--reset-after", "false", "--bidirectional"] },
        { "cudnnlstm", ["--layers", "2"] },
        { "simplernn", ["--layers", "5", "--no-bias"] },
        { "lstmcell", [] },
        { "grucell", ["--torch"] },
        { "lstm", ["--torch", "--layers", "3", "--bidirectional", "--proj-size", "7"] },
        { "gru", ["--torch", "--layers", "2", "--no-bias"] },
        { "rnn", ["--torch", "--bidirectional"] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Solve_AnyRequest_TheAnswerFitsAndTheNextSizeDoesNot(string cell, string[] options)
    {
        foreach (int input in new[] { 1, 13, 300 })
        {
            foreach (long budget in new[] { 5_000L, 123_457L, 20_000_000L, 987_654_321_987L })
            {
                string[] args = ["solve", cell, "--input", input.ToString(System.Globalization.CultureInfo.InvariantCulture), "--budget", budget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", .. options];
                CliResult result = CliRunner.Exec(args);
                using var json = JsonDocument.Parse(result.Output);
                JsonElement root = json.RootElement;

                // The counts come from `rparams count`, which the count tests check against the library.
                long? units = root.GetProperty("units").ValueKind == JsonValueKind.Null ? null : root.GetProperty("units").GetInt64();
                int next = (int)(units ?? (options.Contains("--proj-size") ? 7 : 0)) + 1;
                Count(cell, input, next, options).Should().BeGreaterThan(budget, "{0} {1}: the next size is over the budget", cell, string.Join(' ', options));
                root.GetProperty("above").GetProperty("totalParams").GetInt64().Should().Be(Count(cell, input, next, options));
                if (units is long u)
                {
                    result.ExitCode.Should().Be(0);
                    Count(cell, input, (int)u, options).Should().BeLessThanOrEqualTo(budget).And.Be(root.GetProperty("below").GetProperty("totalParams").GetInt64());
                }
                else
                {
                    result.ExitCode.Should().Be(ExitCodes.OverBudget);
                    root.GetProperty("below").ValueKind.Should().Be(JsonValueKind.Null);
                }
            }
        }
    }

    [Fact]
    public void Solve_KerasStack_FindsTheSameSizeAsCountingEverySize()
    {
        // Brute force: count every size with `count` until one is over the budget.
        const long Budget = 200_000;
        int expected = Enumerable.Range(1, 400).Last(u => Count("gru", 20, u, ["--layers", "3", "--bidirectional"]) <= Budget);

        CliResult result = CliRunner.Exec("solve", "gru", "--input", "20", "--layers", "3", "--bidirectional", "--budget", "200k");

        result.Output.Should().StartWith("Keras GRU on 20 input features, 3 stacked layers, bidirectional: largest units within 200,000 parameters\n  units=" + expected + ": ");
    }

    [Fact]
    public void Solve_DeepKerasStack_IsQuick()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        CliResult result = CliRunner.Exec("solve", "gru", "--input", "3", "--layers", "10000", "--bidirectional", "--budget", "9000000000000000000");

        result.Output.Should().Contain("  units=7071303: 8,999,999,509,975,849,746 parameters, 490,024,150,254 under\n");
        clock.Elapsed.Should().BeLessThan(System.TimeSpan.FromSeconds(20), "the search is bounded by PyTorch's closed forms");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solve_Match_AgreesWithParamsMatchUnits(bool torch)
    {
        LayerSpec lstm = torch ? LayerSpec.Torch.Lstm(128, 256) : LayerSpec.Keras.Lstm(256, 128);
        UnitsMatch match = Params.MatchUnits(lstm, CellType.Gru);
        string size = torch ? "hidden_size" : "units";

        CliResult result = torch ? CliRunner.Exec("solve", "gru", "--input", "128", "--match", "lstm:256", "--torch") : CliRunner.Exec("solve", "gru", "--input", "128", "--match", "lstm:256");

        result.ExitCode.Should().Be(0);
        result.Output.Should().StartWith((torch ? "torch.nn.GRU" : "Keras GRU") + " on 128 input features: " + size + " nearest to " + (torch ? "torch.nn.LSTM(hidden_size=256)" : "Keras LSTM(units=256)") + ", " + Grouped(match.Count) + " parameters\n")
            .And.Contain("\n  " + size + "=" + match.Below!.Units + ": " + Grouped(match.BelowCount) + " parameters, " + Grouped(match.Count - match.BelowCount) + " under\n")
            .And.EndWith("\n  " + size + "=" + match.Above!.Units + ": " + Grouped(match.AboveCount) + " parameters, " + Grouped(match.AboveCount - match.Count) + " over\n");
    }

    [Fact]
    public void Solve_MatchExactly_SaysExactly()
    {
        // A GRU with reset_after=True and a PyTorch GRU have the same count: a Keras GRU(4) matches itself.
        CliRunner.Exec("solve", "gru", "--input", "5", "--match", "gru:4").Output.Should().Contain("\n  units=4: 132 parameters, exactly\n  units=5: 180 parameters, 48 over\n");
        CliRunner.Exec("solve", "gru", "--input", "5", "--match", "gru:4", "--json").Output.Should().Contain("\"exact\": true");
    }

    [Fact]
    public void Solve_MatchResetAfterFalse_AppliesToTheGru()
    {
        // Keras GRU(300, reset_after=False) on 128 features: 3 × (300·300 + 300·128 + 300) = 386,100.
        Params.Gru(300, 128, resetAfter: false).Should().Be(386_100);

        CliResult result = CliRunner.Exec("solve", "lstm", "--input", "128", "--match", "gru:300", "--reset-after", "false");

        result.Output.Should().StartWith("Keras LSTM on 128 input features: units nearest to Keras GRU(units=300, reset_after=False), 386,100 parameters\n  units=252: ");
        Params.Lstm(252, 128).Should().BeLessThanOrEqualTo(386_100);
        Params.Lstm(253, 128).Should().BeGreaterThan(386_100);
    }

    [Fact]
    public void Solve_MatchProjection_AppliesToTheLstm()
    {
        CliResult result = CliRunner.Exec("solve", "gru", "--input", "128", "--match", "lstm:300", "--proj-size", "100", "--torch");

        long target = Params.Torch.Lstm(128, 300, projSize: 100);
        result.Output.Should().StartWith("torch.nn.GRU on 128 input features: hidden_size nearest to torch.nn.LSTM(hidden_size=300, proj_size=100), " + Grouped(target) + " parameters\n");
    }

    [Fact]
    public void Solve_MatchSmallerThanTheSmallestSize_PrintsOnlyTheSizeAbove()
    {
        CliRunner.Exec("solve", "lstm", "--input", "5", "--match", "rnn:1").Should().Be(new CliResult(
            0,
            "Keras LSTM on 5 input features: units nearest to Keras SimpleRNN(units=1), 7 parameters\n  units=1: 28 parameters, 21 over\n",
            string.Empty));
    }

    [Fact]
    public void Solve_BudgetBelowOneUnit_IsOverBudget()
    {
        CliResult result = CliRunner.Exec("solve", "lstm", "--input", "128", "--budget", "100");

        result.Should().Be(new CliResult(
            ExitCodes.OverBudget,
            "Keras LSTM on 128 input features: largest units within 100 parameters\n  units=1: 520 parameters, 420 over\n",
            "rparams: over budget: units=1, the smallest Keras LSTM on 128 input features, has 520 parameters, over --budget 100.\n"));
    }

    [Fact]
    public void Solve_AtTheLargestUnits_HasNoNextSize()
    {
        CliResult result = CliRunner.Exec("solve", "rnn", "--input", "1", "--budget", "9223372036854775807", "--json");

        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("units").GetInt32().Should().Be(int.MaxValue);
        json.RootElement.GetProperty("above").ValueKind.Should().Be(JsonValueKind.Null);
        CliRunner.Exec("solve", "rnn", "--input", "1", "--budget", "9223372036854775807").Output.Split('\n').Should().HaveCount(3);
    }

    [Fact]
    public void Solve_NextSizePast64Bits_HasNoNextSize()
    {
        // LSTM(units, input 2^31 - 1) overflows a long a little past units = 2^29 / 1.4.
        CliResult result = CliRunner.Exec("solve", "lstm", "--input", "2147483647", "--budget", "9223372036854775807", "--torch", "--layers", "10000", "--json");

        using var json = JsonDocument.Parse(result.Output);
        int units = json.RootElement.GetProperty("units").GetInt32();
        json.RootElement.GetProperty("above").ValueKind.Should().Be(JsonValueKind.Null);
        CliRunner.Exec("count", "lstm", "--input", "2147483647", "--units", (units + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--torch", "--layers", "10000").ExitCode.Should().Be(ExitCodes.BadInput);
    }

    [Fact]
    public void Solve_Json_HasTheRequestTheTargetAndCountObjects()
    {
        CliResult result = CliRunner.Exec("solve", "gru", "--input", "128", "--match", "lstm:256", "--json");

        using var json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "convention", "cell", "inputSize", "numLayers", "bidirectional", "projSize", "useBias", "resetAfter", "budget", "match", "target", "units", "exact", "below", "above");
        root.GetProperty("budget").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("match").GetProperty("cell").GetString().Should().Be("lstm");
        root.GetProperty("match").GetProperty("totalParams").GetInt64().Should().Be(Params.Lstm(256, 128));
        root.GetProperty("target").GetInt64().Should().Be(Params.Lstm(256, 128));
        root.GetProperty("units").GetInt32().Should().Be(303);
        root.GetProperty("below").GetProperty("units").GetInt32().Should().Be(303);
        root.GetProperty("below").GetProperty("totalParams").GetInt64().Should().Be(Params.Gru(303, 128));
        root.GetProperty("above").GetProperty("units").GetInt32().Should().Be(304);
        root.GetProperty("above").GetProperty("layers")[0].GetProperty("weights").GetArrayLength().Should().Be(3);
        result.Output.Should().StartWith("{\n  \"convention\": \"keras\",\n");
    }

    [Theory]
    [InlineData("--budget -1", "rparams: '-1' is not a count for --budget: give a whole number, optionally with k, M, G or T (thousand, million, billion, trillion), at most 9.2e18.\nRun 'rparams solve --help' for usage and examples.\n")]
    [InlineData("--budget 1e99", "rparams: '1e99' is not a count for --budget: give a whole number, optionally with k, M, G or T (thousand, million, billion, trillion), at most 9.2e18.\nRun 'rparams solve --help' for usage and examples.\n")]
    [InlineData("", "rparams: give --budget N (the largest count allowed) or --match CELL:UNITS (a layer to match).\n")]
    [InlineData("--budget 1M --match gru:3", "rparams: --budget and --match ask two questions; give one.\n")]
    [InlineData("--match lstm", "rparams: --match takes CELL:UNITS, e.g. lstm:256; got 'lstm'.\nRun 'rparams solve --help' for usage and examples.\n")]
    [InlineData("--match lstm:0", "rparams: --match's units must be a whole number from 1 to 2,147,483,647; got '0'.\nRun 'rparams solve --help' for usage and examples.\n")]
    [InlineData("--match foo:3", "rparams: --match: 'foo' is not a cell this tool counts; use one of simplernn, rnn, lstm, gru, cudnnlstm, cudnngru, simplernncell, rnncell, lstmcell, grucell.\nRun 'rparams solve --help' for usage and examples.\n")]
    [InlineData("--budget 1M --reset-after false", "rparams: --reset-after: reset_after is a Keras GRU option; lstm has none.\n")]
    [InlineData("--match rnn:3 --reset-after false", "rparams: --reset-after: reset_after is a Keras GRU option; lstm and rnn have none.\n")]
    [InlineData("--budget 1M --proj-size 64", "rparams: --proj-size: 'projSize' is a PyTorch nn.LSTM option; Keras layers and single-step cells have no projection (got 64); set it to 0.\n")]
    [InlineData("--budget 1M --torch --proj-size 2147483647", "rparams: --proj-size must be less than the hidden size, so it can be at most 2,147,483,646.\n")]
    [InlineData("--budget 1M --units 4", "rparams: Unrecognized command or argument '--units'.\nrparams: Unrecognized command or argument '4'.\nRun 'rparams solve --help' for usage and examples.\n")]
    public void Solve_BadArguments_AreUsageErrors(string arguments, string error)
    {
        CliResult result = CliRunner.Exec(["solve", "lstm", "--input", "128", .. arguments.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)]);

        result.Should().Be(new CliResult(ExitCodes.Usage, string.Empty, error));
    }

    [Fact]
    public void Solve_CuDnnInPyTorch_IsAUsageErrorAsInCount()
    {
        CliRunner.Exec("solve", "cudnnlstm", "--input", "128", "--budget", "1M", "--torch").Should().Be(new CliResult(
            ExitCodes.Usage,
            string.Empty,
            "rparams: --torch: cudnnlstm is a Keras 2 layer; PyTorch's cuDNN-backed module is nn.LSTM: count lstm --torch.\n"));
    }

    [Fact]
    public void Solve_CellWithLayers_IsAUsageErrorAsInCount()
    {
        CliRunner.Exec("solve", "lstmcell", "--input", "5", "--budget", "1k", "--layers", "2").Should().Be(CliRunner.Exec("count", "lstmcell", "--input", "5", "--units", "3", "--layers", "2"));
    }

    [Fact]
    public void Solve_TorchGruResetAfterFalse_IsRefusedWithTheLibrarysReason()
    {
        CliResult result = CliRunner.Exec("solve", "gru", "--input", "5", "--budget", "1k", "--torch", "--reset-after", "false");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("rparams: --reset-after: ").And.Contain("PyTorch");
    }

    [Fact]
    public void Solver_Describe_ListsEveryOption()
    {
        var request = new CellRequest(CellKind.Find("lstm"), 0, 1, 2, true, 3, false, true);

        Solver.Describe(request, Convention.Torch).Should().Be("torch.nn.LSTM on 1 input feature, 2 layers, bidirectional, proj_size=3, no bias");
        Solver.Describe(request with { ProjSize = 0, Kind = CellKind.Find("gru"), ResetAfter = false }, Convention.Keras)
            .Should().Be("Keras GRU on 1 input feature, 2 stacked layers, bidirectional, no bias, reset_after=False");
    }

    private static long Count(string cell, int input, int units, IEnumerable<string> options)
    {
        CliResult result = CliRunner.Exec(["count", cell, "--input", input.ToString(System.Globalization.CultureInfo.InvariantCulture), "--units", units.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options]);
        result.ExitCode.Should().Be(0, result.Error);
        return long.Parse(result.Output, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Grouped(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
