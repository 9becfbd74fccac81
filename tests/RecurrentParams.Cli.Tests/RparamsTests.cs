using System;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary>The root of the command line: help with examples, the version, shell completion's directive, usage errors.</summary>
public sealed class RparamsTests
{
    [Theory]
    [InlineData("count")]
    [InlineData("compare")]
    [InlineData("solve")]
    [InlineData("summary")]
    [InlineData("completion")]
    public void Help_EveryCommand_EndsWithExamples(string command)
    {
        CliResult result = CliRunner.Exec(command, "--help");

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.Output.Should().Contain("Usage:").And.Contain("\nExamples:\n  rparams " + (command == "summary" ? string.Empty : command));
        result.Output.Should().EndWith("\n\n");
    }

    [Fact]
    public void Help_Root_ListsTheCommandsAndExamples()
    {
        CliResult result = CliRunner.Exec("--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("count").And.Contain("compare").And.Contain("solve").And.Contain("summary").And.Contain("completion")
            .And.Contain("Examples:\n  rparams count lstm --units 4 --input 5\n");
    }

    [Fact]
    public void Help_WithOtherErrors_StillPrintsHelp()
    {
        CliRunner.Exec("count", "--units", "x", "-h").ExitCode.Should().Be(0);
    }

    [Fact]
    public void Version_PrintsThePackageVersionWithoutBuildMetadata()
    {
        string informational = typeof(Rparams).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        CliRunner.Exec("--version").Should().Be(new CliResult(0, informational.Split('+')[0] + "\n", string.Empty));
        Rparams.Version().Should().MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$");
    }

    [Fact]
    public void NoCommand_IsAUsageError()
    {
        CliRunner.Exec().Should().Be(new CliResult(ExitCodes.Usage, string.Empty, "rparams: Required command was not provided.\nRun 'rparams --help' for usage and examples.\n"));
    }

    [Fact]
    public void UnknownOption_IsAUsageErrorPointingToTheCommandsHelp()
    {
        CliRunner.Exec("summary", "x.onnx", "--frobnicate").Should().Be(new CliResult(
            ExitCodes.Usage,
            string.Empty,
            "rparams: '--frobnicate' is not an option of this command; write ./--frobnicate for a file of that name.\nRun 'rparams summary --help' for usage and examples.\n"));
    }

    [Fact]
    public void SuggestDirective_CompletesCommandsOptionsAndValues()
    {
        CliRunner.Exec("[suggest:10]", "rparams co").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("compare", "completion", "count");
        CliRunner.Exec("[suggest:27]", "rparams summary m --format ").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal("json", "keras2", "keras3", "markdown", "torchinfo");
        CliRunner.Exec("[suggest:14]", "rparams count ").Output.Split('\n').Should().Contain(["cudnngru", "lstm", "--units", "--torch"]);
    }

    [Fact]
    public void Run_NullArguments_Throw()
    {
        var host = new CliHost(System.IO.TextWriter.Null, System.IO.TextWriter.Null, () => System.IO.Stream.Null, new System.Collections.Generic.Dictionary<string, string>(), ".");

        FluentActions.Invoking(() => Rparams.Run(null!, host)).Should().Throw<ArgumentNullException>().WithParameterName("args");
        FluentActions.Invoking(() => Rparams.Run([], null!)).Should().Throw<ArgumentNullException>().WithParameterName("host");
    }

    [Theory]
    [InlineData("a\nb", "a b")]
    [InlineData("  Must be one of:\n\t'a'\n\t'b'  ", "Must be one of: 'a' 'b'")]
    [InlineData("plain", "plain")]
    public void OneLine_FoldsWhitespaceToSingleSpaces(string message, string expected)
    {
        Rparams.OneLine(message).Should().Be(expected);
    }

    [Fact]
    public void Build_EveryCommandAndOption_HasADescription()
    {
        var root = Rparams.Build(new CliHost(System.IO.TextWriter.Null, System.IO.TextWriter.Null, () => System.IO.Stream.Null, new System.Collections.Generic.Dictionary<string, string>(), "."));

        foreach (System.CommandLine.Command command in root.Subcommands)
        {
            command.Description.Should().NotBeNullOrWhiteSpace(command.Name);
            command.Options.Should().NotContain(o => string.IsNullOrWhiteSpace(o.Description));
            command.Arguments.Should().NotContain(a => string.IsNullOrWhiteSpace(a.Description));
        }

        root.Subcommands.Select(c => c.Name).Should().Equal("count", "compare", "solve", "summary", "completion");
    }
}
