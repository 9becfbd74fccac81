using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Tests.Robustness.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace RecurrentParams.Import.Tests.Robustness;

/// <summary>
/// Structure-aware fuzzing of every reader from fixed seeds, bounded for CI (a few seconds per reader): JSON trees,
/// safetensors headers, protobuf fields, zip records and entries, HDF5 fields (the reader's own field map), names with
/// absurd indices and invalid UTF-16, numbers at 0, -1, 2^31, 2^63. Every input must be summarized (and render every way)
/// or refused with <see cref="ModelFormatException"/>, within 2 s and 64 MiB. A longer run:
/// <c>dotnet run --project tests/RecurrentParams.Import.Fuzz -c Release -- campaign</c> (see its README), or
/// <c>RP_FUZZ_INPUTS=100000 RP_FUZZ_SEED=7</c> for this test.
/// </summary>
public sealed class FuzzTests
{
    private static readonly int Inputs = int.TryParse(Environment.GetEnvironmentVariable("RP_FUZZ_INPUTS"), out int n) && n > 0 ? n : 300;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RP_FUZZ_SEED"), out int s) ? s : 20261127;

    private readonly ITestOutputHelper output;

    public FuzzTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static TheoryData<string> Readers => [.. FuzzTargets.Names];

    internal static string FixturesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_StructurallyMutatedFiles_SummarizeOrThrowModelFormatExceptionWithinBudget(string reader)
    {
        FuzzTarget target = FuzzTargets.All(FixturesFolder, KerasHdf5Reader.FieldMap).Single(t => t.Name == reader);

        // A few seconds on an idle machine; the deadline only stops a run that would hang CI.
        FuzzReport report = FuzzRunner.Run(target, Inputs, Seed + reader.Length, deadline: DateTime.UtcNow.AddMinutes(5));

        output.WriteLine(report.ToString());
        report.Failures.Should().BeEmpty();
        report.Inputs.Should().Be(Inputs, "every input is read before the deadline");
        report.Refused.Should().BeGreaterThan(0, "mutations that break a file must be refused");
    }

    [Fact]
    public void AllReaders_Fuzzed_OnlyModelFormatExceptionLeavesTheLibrary()
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (FuzzTarget target in FuzzTargets.All(FixturesFolder, KerasHdf5Reader.FieldMap))
        {
            FuzzReport report = FuzzRunner.Run(target, 60, Seed * 31 + target.Name.Length);
            types.UnionWith(report.ExceptionTypes);
        }

        types.Should().Equal(nameof(ModelFormatException));
    }
}
