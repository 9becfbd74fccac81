using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary>
/// Every console example of the README's "Command line" section and of the tool's own README, run in-process from the
/// repository's root; each command's output must be what the README shows, verbatim.
/// </summary>
public sealed class ReadmeExamplesTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (ConsoleExample example in All())
        {
            data.Add(example.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_PrintsWhatTheReadmeShows(string example)
    {
        ConsoleExample transcript = All().Single(e => e.ToString() == example);

        foreach ((ConsoleStep step, string actual) in ConsoleExamples.Run(transcript, ConsoleExamples.InProcess))
        {
            actual.Should().Be(step.Expected, "'{0}' at {1}", step.Command, example);
        }
    }

    [Fact]
    public void Readmes_ShowEveryCommandAndExitCode()
    {
        ConsoleStep[] steps = All().SelectMany(e => e.Steps).ToArray();

        steps.Length.Should().BeGreaterThanOrEqualTo(15);
        foreach (string command in new[] { "rparams count ", "rparams compare ", "rparams solve ", "--match ", "rparams summary ", "| rparams summary - ", "--explain", "--torch", "--max-params", "--format markdown" })
        {
            steps.Should().Contain(s => s.Command.Contains(command, System.StringComparison.Ordinal), command);
        }

        steps.Where(s => s.Command == "echo $?").Select(s => s.Expected).Should().Contain(["1\n", "2\n", "3\n"]);
    }

    [Theory]
    [InlineData("rparams summary a.onnx", new[] { "rparams", "summary", "a.onnx" })]
    [InlineData("rparams  count 'two words' \"x y\"", new[] { "rparams", "count", "two words", "x y" })]
    [InlineData("cat m.json | rparams summary -", new[] { "cat", "m.json", "|", "rparams", "summary", "-" })]
    public void Words_SplitsAsAShellDoes(string commandLine, string[] words)
    {
        ConsoleExamples.Words(commandLine).Should().Equal(words);
    }

    internal static IEnumerable<ConsoleExample> All() =>
        ConsoleExamples.Read("README.md", "Command line").Concat(ConsoleExamples.Read("src/RecurrentParams.Cli/README.md"));
}
