using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary>
/// Runs a test only when <c>RPARAMS_E2E_BIN</c> names an <c>rparams</c> executable: the .NET tool installed from the local
/// package, or the NativeAOT binary. CI sets it for each (see .ci/run); a plain <c>dotnet test</c> skips these tests.
/// </summary>
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        if (EndToEnd.Executable is null)
        {
            Skip = "Set RPARAMS_E2E_BIN to an installed rparams (the tool or the native binary) to run the end-to-end tests.";
        }
    }
}

/// <inheritdoc cref="EndToEndFactAttribute"/>
public sealed class EndToEndTheoryAttribute : TheoryAttribute
{
    public EndToEndTheoryAttribute()
    {
        if (EndToEnd.Executable is null)
        {
            Skip = new EndToEndFactAttribute().Skip;
        }
    }
}

/// <summary>Runs command lines in a real shell, with the installed <c>rparams</c> first on the PATH.</summary>
internal static class EndToEnd
{
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("RPARAMS_E2E_BIN") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>Runs a command line with bash in a folder; the process's standard input is empty.</summary>
    public static CliResult Shell(string commandLine, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        string executable = Executable ?? throw new InvalidOperationException("RPARAMS_E2E_BIN is not set.");
        var start = new ProcessStartInfo("bash", ["-c", commandLine])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Path.GetDirectoryName(executable) + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("NO_COLOR");
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output, error.Result);
    }
}

/// <summary>
/// The installed tool and the native binary, run as processes on the fixtures: the README's examples, standard output and
/// standard error apart, exit codes, and every fixture read exactly as the in-process tests read it.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly string Fixtures = "tests/RecurrentParams.Import.Tests/Fixtures";

    public static TheoryData<string> Examples() => ReadmeExamplesTests.Examples();

    [EndToEndTheory]
    [MemberData(nameof(Examples))]
    public void ReadmeExample_PrintsWhatTheReadmeShows(string example)
    {
        ConsoleExample transcript = ReadmeExamplesTests.All().Single(e => e.ToString() == example);

        // Standard error after standard output, as the README shows them when both go to one terminal.
        foreach ((ConsoleStep step, string actual) in ConsoleExamples.Run(transcript, (line, folder) => EndToEnd.Shell(line + " 2>&1", folder)))
        {
            actual.Should().Be(step.Expected, "'{0}' at {1}", step.Command, example);
        }
    }

    [EndToEndFact]
    public void Version_IsThePackageVersion()
    {
        EndToEnd.Shell("rparams --version", Fixture.RepositoryRoot).Should().Be(new CliResult(0, Rparams.Version() + "\n", string.Empty));
    }

    [EndToEndFact]
    public void OverBudget_PrintsTheCountOnStandardOutputAndTheReasonOnStandardError()
    {
        EndToEnd.Shell("rparams count lstm --units 4 --input 5 --max-params 100", Fixture.RepositoryRoot)
            .Should().Be(new CliResult(1, "160\n", "rparams: over budget: 160 parameters, over --max-params 100.\n"));
    }

    [EndToEndFact]
    public void MissingFile_IsExitCode2WithOneLine()
    {
        EndToEnd.Shell("rparams summary missing.keras", Fixture.RepositoryRoot)
            .Should().Be(new CliResult(2, string.Empty, "rparams: missing.keras: no such file or folder.\n"));
    }

    [EndToEndFact]
    public void BadNumber_IsExitCode3()
    {
        CliResult result = EndToEnd.Shell("rparams count lstm --units -1 --input 5", Fixture.RepositoryRoot);

        result.Should().Be(new CliResult(3, string.Empty, "rparams: --units must be a whole number from 1 to 2,147,483,647; got '-1'.\nRun 'rparams count --help' for usage and examples.\n"));
    }

    [EndToEndFact]
    public void HostileFiles_AreExitCode2WithOneLineEachAndNoStackTrace()
    {
        CliResult result = EndToEnd.Shell("rparams summary " + Fixtures + "/h5/hostile-gcol-object-size.h5 " + Fixtures + "/keras-archive/hostile-zip64-size.keras", Fixture.RepositoryRoot);

        result.ExitCode.Should().Be(2);
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("rparams: " + Fixtures, StringComparison.Ordinal));
        result.Error.Should().NotContain("   at ");
    }

    [EndToEndFact]
    public void EveryFixture_ReadsAsTheInProcessToolReadsIt()
    {
        // Every reader and every fixture (HDF5 through PureHDF, ONNX through Google.Protobuf, the hostile files): the
        // native binary must read them as the JIT-compiled library does.
        CliResult process = EndToEnd.Shell("rparams summary " + Fixtures + " --json", Fixture.RepositoryRoot);
        CliResult inProcess = new CliRunner { WorkingDirectory = Fixture.RepositoryRoot }.Run("summary", Fixtures, "--json");

        process.Should().Be(inProcess);
        process.ExitCode.Should().Be(2, "the fixtures include hostile and unsupported files");
        process.Output.Should().Contain("\"format\": \"kerasHdf5\"").And.Contain("\"format\": \"onnx\"").And.Contain("\"format\": \"kerasArchive\"");
    }

    [EndToEndFact]
    public void TorchCheckpoints_ReadAsTheInProcessToolReadsThem()
    {
        // The PyTorch reader is found by name (Type.GetType behind a DynamicDependency): the native binary must keep it.
        CliResult process = EndToEnd.Shell("rparams summary " + Fixtures + "/torch", Fixture.RepositoryRoot);
        CliResult inProcess = new CliRunner { WorkingDirectory = Fixture.RepositoryRoot }.Run("summary", Fixtures + "/torch");

        process.Should().Be(inProcess);
        process.Output.Should().Contain("state-dict-lstm.pt ").And.Contain(" TorchScript ").And.Contain(" PyTorch legacy ");
        EndToEnd.Shell("rparams summary " + Fixtures + "/torch/state-dict-lstm.pt", Fixture.RepositoryRoot).Output.Should().Contain("├─LSTM: 1-1 ");
    }

    [EndToEndFact]
    public void Solve_TooSmallABudget_IsExitCode1WithTheReasonOnStandardError()
    {
        EndToEnd.Shell("rparams solve lstm --input 128 --budget 100", Fixture.RepositoryRoot).Should().Be(new CliResult(
            1,
            "Keras LSTM on 128 input features: largest units within 100 parameters\n  units=1: 520 parameters, 420 over\n",
            "rparams: over budget: units=1, the smallest Keras LSTM on 128 input features, has 520 parameters, over --budget 100.\n"));
    }

    [EndToEndFact]
    public void OnATerminal_TheTableIsBoldUnlessNoColor()
    {
        string command = "script -qec 'rparams summary " + Fixtures + "/onnx/lstm-5-4.onnx " + Fixtures + "/onnx/mlp.onnx' /dev/null";

        EndToEnd.Shell(command, Fixture.RepositoryRoot).Output.Should().Contain("\u001b[1mFile");
        EndToEnd.Shell(command, Fixture.RepositoryRoot, new Dictionary<string, string> { ["NO_COLOR"] = "1" }).Output
            .Should().Contain("File ").And.NotContain("\u001b[1m");
    }
}
