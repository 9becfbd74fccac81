using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using RecurrentParams.Tests.Conformance;
using RecurrentParams.Tests.Torch;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

/// <summary>
/// The nested models of <c>tools/oracles/torchinfo-trees/generate.py</c>, rebuilt with the public API from their spec and
/// compared byte for byte with what torchinfo 1.8.0 and <c>print(model)</c> printed for them on PyTorch 1.13.
/// </summary>
public sealed class TorchinfoTreeTests
{
    private const string File = "torchinfo-trees.jsonl";

    public static TheoryData<string, string> Summaries()
    {
        var data = new TheoryData<string, string>();
        foreach ((string id, JsonElement row) in VectorFile.Load(File))
        {
            foreach (JsonProperty setting in row.GetProperty("summaries").EnumerateObject())
            {
                data.Add(id, setting.Name);
            }
        }

        return data;
    }

    public static TheoryData<string> Ids() => VectorFile.Ids(File, _ => true);

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Render_TorchinfoSettings_MatchesTorchinfo(string id, string setting)
    {
        JsonElement row = VectorFile.Load(File)[id];
        JsonElement printed = row.GetProperty("summaries").GetProperty(setting);
        JsonElement args = printed.GetProperty("args");
        bool withInput = !args.TryGetProperty("input", out JsonElement input) || input.GetBoolean();
        ModelSummary summary = TreeSpec.Builder(row.GetProperty("spec"), withInput).Build();

        string text = summary.Render(Options(args));

        text.Should().Be(Canonical(printed.GetProperty("text").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_TorchRepr_MatchesPrintModel(string id)
    {
        JsonElement row = VectorFile.Load(File)[id];

        string text = TreeSpec.Builder(row.GetProperty("spec"), withInput: false).Build().Render(SummaryFormat.TorchRepr);

        text.Should().Be(row.GetProperty("repr").GetString());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Build_Totals_AreTorchinfosAndPyTorchsCounts(string id)
    {
        JsonElement row = VectorFile.Load(File)[id];
        string printed = row.GetProperty("summaries").GetProperty("no-input").GetProperty("text").GetString()!;

        ModelSummary summary = TreeSpec.Builder(row.GetProperty("spec"), withInput: false).Build();

        // The summary's totals are torchinfo's; named_parameters() is PyTorch's sum(p.numel()), every parameter once.
        summary.TotalParams.Should().Be(Printed(printed, "Total params"));
        summary.TrainableParams.Should().Be(Printed(printed, "Trainable params"));
        summary.Module!.NamedParameters().Sum(p => p.Count).Should().Be(row.GetProperty("params").GetInt64());
        summary.Module.NamedParameters().Where(p => p.Trainable).Sum(p => p.Count).Should().Be(row.GetProperty("trainable").GetInt64());
    }

    [Fact]
    public void Build_ModuleSharedByTwoContainers_CountsItTwiceAsTorchinfoDoes()
    {
        // torchinfo 1.8 counts a Linear shared by two Sequentials under the second one again (total 40 for 20
        // parameters without an input, 60 after the forward pass); the summary keeps torchinfo's numbers.
        JsonElement row = VectorFile.Load(File)["linear-shared-by-two-sequentials"];

        ModelSummary walked = TreeSpec.Builder(row.GetProperty("spec"), withInput: false).Build();
        ModelSummary traced = TreeSpec.Builder(row.GetProperty("spec"), withInput: true).Build();

        walked.TotalParams.Should().Be(40);
        traced.TotalParams.Should().Be(60);
        traced.Module!.NamedParameters().Sum(p => p.Count).Should().Be(20);
    }

    private static long Printed(string text, string line) =>
        long.Parse(text.Split('\n').Single(l => l.StartsWith(line + ": ", StringComparison.Ordinal)).AsSpan(line.Length + 2), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Vectors_CoverTheIssuesCases()
    {
        IReadOnlyDictionary<string, JsonElement> rows = VectorFile.Load(File);

        rows.Should().HaveCountGreaterThanOrEqualTo(40);
        rows.Values.Sum(r => r.GetProperty("summaries").EnumerateObject().Count()).Should().BeGreaterThanOrEqualTo(400);
        rows.Keys.Should().Contain(["nested-sequential", "modulelist-loop", "gru-called-twice", "user-hierarchy-4-deep", "double-model",
            "bfloat16-subtree", "half-embedding", "frozen-one-tensor", "packed-lstm", "view-in-forward", "bilstm-proj-3-layer",
            "user-hierarchy-moduledict", "conv1d-frontend"]);
    }

    /// <summary>torchinfo's arguments as <see cref="TorchinfoSummaryOptions"/>.</summary>
    internal static TorchinfoSummaryOptions Options(JsonElement args)
    {
        var options = new TorchinfoSummaryOptions();
        if (args.TryGetProperty("depth", out JsonElement depth))
        {
            options = options with { Depth = depth.GetInt32() };
        }

        if (args.TryGetProperty("verbose", out JsonElement verbose))
        {
            options = options with { Verbose = verbose.GetInt32() };
        }

        if (args.TryGetProperty("col_names", out JsonElement columns))
        {
            options = options with { Columns = columns.EnumerateArray().Select(c => Column(c.GetString()!)).ToArray() };
        }

        if (args.TryGetProperty("row_settings", out JsonElement rows))
        {
            options = options with { RowSettings = rows.EnumerateArray().Select(r => Setting(r.GetString()!)).Aggregate(TorchinfoRowSettings.None, (a, b) => a | b) };
        }

        return options;
    }

    /// <summary>torchinfo's text with the Python 3.11 enum bug (<c>(Units.MEGABYTES)</c>) printed as intended (<c>(M)</c>).</summary>
    internal static string Canonical(string text) =>
        Regex.Replace(text, @"Total mult-adds \(Units\.(MEGABYTES|GIGABYTES|TERABYTES)\)", m => "Total mult-adds (" + m.Groups[1].Value[0] + ")");

    private static TorchinfoColumn Column(string name) => name switch
    {
        "input_size" => TorchinfoColumn.InputSize,
        "output_size" => TorchinfoColumn.OutputSize,
        "num_params" => TorchinfoColumn.NumParams,
        "params_percent" => TorchinfoColumn.ParamsPercent,
        "kernel_size" => TorchinfoColumn.KernelSize,
        "mult_adds" => TorchinfoColumn.MultAdds,
        "trainable" => TorchinfoColumn.Trainable,
        _ => throw new NotSupportedException(name),
    };

    private static TorchinfoRowSettings Setting(string name) => name switch
    {
        "depth" => TorchinfoRowSettings.Depth,
        "var_names" => TorchinfoRowSettings.VarNames,
        "ascii_only" => TorchinfoRowSettings.AsciiOnly,
        "hide_recursive_layers" => TorchinfoRowSettings.HideRecursiveLayers,
        _ => throw new NotSupportedException(name),
    };
}
