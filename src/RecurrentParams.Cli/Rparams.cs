using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;

namespace RecurrentParams.Cli;

/// <summary>
/// The <c>rparams</c> command line as a library: <see cref="Run"/> parses the arguments and runs the command against a
/// <see cref="CliHost"/>, so that tests run every command in-process and <see cref="Program"/> is a thin shell.
/// </summary>
/// <remarks>
/// Commands: <c>count</c>, <c>compare</c>, <c>solve</c>, <c>summary</c> and <c>completion</c>. Exit codes are <see cref="ExitCodes"/>:
/// 0 ok, 1 over budget, 2 bad input or unreadable file, 3 usage error; a failure is one line on standard error, with the
/// stack trace only under <c>--verbose</c>.
/// </remarks>
internal static class Rparams
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="host">The console, environment and working directory.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        RootCommand root = Build(host);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (ParseError error in parse.Errors)
            {
                host.WriteError("rparams: " + OneLine(error.Message));
            }

            string command = parse.CommandResult.Command is RootCommand ? "rparams" : "rparams " + parse.CommandResult.Command.Name;
            host.WriteError("Run '" + command + " --help' for usage and examples.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = host.Output, Error = host.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Makes a message one line: line breaks, tabs and runs of spaces become one space.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message on one line.</returns>
    public static string OneLine(string message) => string.Join(' ', message.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Gets the tool's version, the package version without build metadata.</summary>
    /// <returns>For example <c>1.0.0</c>.</returns>
    public static string Version()
    {
        string version = typeof(Rparams).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>Builds the command tree for a host.</summary>
    /// <param name="host">The console the actions write to.</param>
    /// <returns>The root command.</returns>
    internal static RootCommand Build(CliHost host)
    {
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On failure, also print the exception's stack trace.",
            Recursive = true,
        };
        var root = new RootCommand("Count, compare and explain the parameters of recurrent layers in the Keras and PyTorch conventions, and summarize any model file.")
        {
            verbose,
        };
        var examples = new Dictionary<Command, string[]>
        {
            [root] =
            [
                "rparams count lstm --units 4 --input 5",
                "rparams compare gru --units 128 --input 64 --layers 2",
                "rparams solve lstm --input 128 --budget 1M",
                "rparams summary model.keras",
                "rparams summary models/ --max-params 5M",
            ],
        };

        Commands.AddCount(root, host, verbose, examples);
        Commands.AddCompare(root, host, verbose, examples);
        Commands.AddSolve(root, host, verbose, examples);
        Commands.AddSummary(root, host, verbose, examples);
        Commands.AddCompletion(root, host, examples);

        foreach (Option option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new HelpWithExamples(help, host, examples);
            }
            else if (option is VersionOption version)
            {
                version.Action = new VersionAction(host);
            }
        }

        return root;
    }

    /// <summary>System.CommandLine's help, then the command's examples.</summary>
    private sealed class HelpWithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction help;
        private readonly CliHost host;
        private readonly Dictionary<Command, string[]> examples;

        public HelpWithExamples(HelpAction help, CliHost host, Dictionary<Command, string[]> examples)
        {
            this.help = help;
            this.host = host;
            this.examples = examples;
        }

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out string[]? lines))
            {
                host.Output.Write("Examples:\n");
                foreach (string line in lines)
                {
                    host.Output.Write("  " + line + "\n");
                }

                host.Output.Write("\n");
            }

            return ExitCodes.Ok;
        }
    }

    /// <summary>Prints the tool's own version (the default action prints the entry assembly's, which is a test host's in tests).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        private readonly CliHost host;

        public VersionAction(CliHost host)
        {
            this.host = host;
        }

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            host.Output.Write(Version() + "\n");
            return ExitCodes.Ok;
        }
    }
}
