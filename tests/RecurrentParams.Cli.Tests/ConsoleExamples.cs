using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace RecurrentParams.Cli.Tests;

/// <summary>One step of a README console example: the command after <c>$ </c> and the output shown under it.</summary>
internal sealed record ConsoleStep(string Command, string Expected);

/// <summary>A README console example: the steps of one <c>```console</c> block, run in order from the repository's root.</summary>
internal sealed record ConsoleExample(string File, int Line, IReadOnlyList<ConsoleStep> Steps)
{
    public override string ToString() => File + ":" + Line;
}

/// <summary>
/// Reads the <c>```console</c> blocks of a README and runs them. A block is a shell transcript: <c>$ command</c> lines, each
/// followed by what it prints (standard output, then standard error). The commands a transcript may use are
/// <c>rparams ...</c>, <c>cat FILE | rparams ...</c>, <c>cd FOLDER</c> and <c>echo $?</c> (the previous exit code).
/// </summary>
internal static class ConsoleExamples
{
    /// <summary>Reads the console examples of a Markdown file, or of one of its <c>## </c> sections.</summary>
    public static IReadOnlyList<ConsoleExample> Read(string relativePath, string? section = null)
    {
        string[] lines = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, relativePath)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var examples = new List<ConsoleExample>();
        bool inSection = section is null;
        for (int k = 0; k < lines.Length; k++)
        {
            if (section is not null && lines[k].StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = lines[k] == "## " + section;
            }

            if (!inSection || lines[k] != "```console")
            {
                continue;
            }

            int start = k + 1;
            var steps = new List<ConsoleStep>();
            string? command = null;
            var expected = new StringBuilder();
            for (k = start; lines[k] != "```"; k++)
            {
                if (lines[k].StartsWith("$ ", StringComparison.Ordinal))
                {
                    if (command is not null)
                    {
                        steps.Add(new ConsoleStep(command, expected.ToString()));
                    }

                    command = lines[k][2..];
                    expected.Clear();
                }
                else
                {
                    expected.Append(lines[k]).Append('\n');
                }
            }

            steps.Add(new ConsoleStep(command ?? throw new InvalidDataException(relativePath + ":" + start + ": a console block without a command"), expected.ToString()));
            examples.Add(new ConsoleExample(relativePath, start, steps));
        }

        return examples;
    }

    /// <summary>Splits a command line into words as a POSIX shell does for plain and quoted words (no expansion).</summary>
    public static string[] Words(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in commandLine)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words.ToArray();
    }

    /// <summary>Runs an example's steps with a runner for <c>rparams</c> commands, and returns each step's output next to what the README shows.</summary>
    /// <param name="example">The example.</param>
    /// <param name="run">Runs one command line (an <c>rparams</c> command, possibly after <c>cat FILE |</c>) in a folder.</param>
    public static IEnumerable<(ConsoleStep Step, string Actual)> Run(ConsoleExample example, Func<string, string, CliResult> run)
    {
        string folder = Fixture.RepositoryRoot;
        int? exitCode = null;
        foreach (ConsoleStep step in example.Steps)
        {
            string[] words = Words(step.Command);
            if (words is ["cd", string target])
            {
                folder = Path.GetFullPath(target, folder);
                yield return (step, string.Empty);
            }
            else if (words is ["echo", "$?"])
            {
                yield return (step, (exitCode ?? throw new InvalidDataException(example + ": 'echo $?' before any command")) + "\n");
            }
            else if (words.FirstOrDefault() == "rparams" || (words is ["cat", _, "|", "rparams", ..]))
            {
                CliResult result = run(step.Command, folder);
                exitCode = result.ExitCode;
                yield return (step, result.Combined);
            }
            else
            {
                throw new InvalidDataException(example + ": a README example may run rparams, 'cat FILE | rparams', cd and 'echo $?', not '" + step.Command + "'");
            }
        }
    }

    /// <summary>Runs a command line in-process.</summary>
    public static CliResult InProcess(string commandLine, string folder)
    {
        string[] words = Words(commandLine);
        byte[] input = [];
        if (words[0] == "cat")
        {
            input = File.ReadAllBytes(Path.GetFullPath(words[1], folder));
            words = words[3..];
        }

        return new CliRunner { WorkingDirectory = folder, Input = input }.Run(words[1..]);
    }
}
