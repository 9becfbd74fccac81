using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using RecurrentParams.Import;

namespace RecurrentParams.Cli;

/// <summary>Defines the commands, their options and help examples, and binds them to their handlers.</summary>
internal static class Commands
{
    private static readonly string[] FormatNames = ["keras3", "keras2", "torchinfo", "markdown", "json"];

    /// <summary>Adds <c>count</c>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="host">The console.</param>
    /// <param name="verbose">The <c>--verbose</c> option.</param>
    /// <param name="examples">Help examples per command.</param>
    public static void AddCount(RootCommand root, CliHost host, Option<bool> verbose, Dictionary<Command, string[]> examples)
    {
        var cell = new CellOptions();
        var torch = new Option<bool>("--torch") { Description = "Count in the PyTorch convention (torch.nn), with its two bias vectors, num_layers and proj_size; Keras otherwise." };
        var explain = new Option<bool>("--explain", "-e") { Description = "Print the derivation of the count and the weight tensors with their framework names and shapes." };
        var output = new OutputOptions();
        var command = new Command("count", "Count the parameters of a recurrent layer (Keras convention unless --torch).");
        cell.AddTo(command);
        command.Options.Add(torch);
        command.Options.Add(explain);
        output.AddTo(command);
        command.SetAction(parse => Guarded(host, parse, verbose, () =>
        {
            CountResult result = cell.Read(parse).Count(parse.GetValue(torch) ? Convention.Torch : Convention.Keras);
            Budget budget = output.Budget(parse);
            host.Output.Write(
                parse.GetValue(output.Json) ? JsonOut.Write(w => CountText.WriteJson(w, result))
                : parse.GetValue(explain) ? CountText.Explanation(result)
                : Numbers.Plain(result.Total) + "\n");
            return Gate(host, budget, null, result.Total);
        }));
        examples[command] =
        [
            "rparams count lstm --units 4 --input 5",
            "rparams count lstm --units 4 --input 5 --torch --layers 2 --bidirectional --proj-size 2 --explain",
            "rparams count gru --units 4 --input 5 --reset-after false",
            "rparams count lstm --units 1024 --input 512 --layers 3 --max-params 20M",
        ];
        root.Subcommands.Add(command);
    }

    /// <summary>Adds <c>compare</c>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="host">The console.</param>
    /// <param name="verbose">The <c>--verbose</c> option.</param>
    /// <param name="examples">Help examples per command.</param>
    public static void AddCompare(RootCommand root, CliHost host, Option<bool> verbose, Dictionary<Command, string[]> examples)
    {
        var cell = new CellOptions();
        var output = new OutputOptions();
        var command = new Command("compare", "Count a recurrent layer in Keras and in PyTorch side by side, and explain the difference.");
        cell.AddTo(command);
        output.AddTo(command);
        command.SetAction(parse => Guarded(host, parse, verbose, () =>
        {
            CellRequest request = cell.Read(parse);
            if (request.ProjSize > 0)
            {
                throw CliException.Usage("--proj-size: Keras' LSTM has no projection, so there is nothing to compare; count it with 'rparams count lstm --torch --proj-size N'.");
            }

            // PyTorch's GRU always resets after, and counts Keras 2's cuDNN layers as nn.LSTM and nn.GRU: --reset-after false
            // and the cuDNN names describe the Keras side only.
            CellRequest torch = request with { Kind = request.Kind.TorchEquivalent, ResetAfter = true };
            var comparison = new Comparison(request.Count(Convention.Keras), torch.Count(Convention.Torch));
            Budget budget = output.Budget(parse);
            host.Output.Write(parse.GetValue(output.Json) ? JsonOut.Write(comparison.WriteJson) : comparison.ToText());
            return Math.Max(Gate(host, budget, "Keras", comparison.Keras.Total), Gate(host, budget, "PyTorch", comparison.Torch.Total));
        }));
        examples[command] =
        [
            "rparams compare lstm --units 4 --input 5",
            "rparams compare gru --units 4 --input 5 --reset-after false",
            "rparams compare lstm --units 256 --input 128 --layers 2 --bidirectional --json",
        ];
        root.Subcommands.Add(command);
    }

    /// <summary>Adds <c>summary</c>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="host">The console.</param>
    /// <param name="verbose">The <c>--verbose</c> option.</param>
    /// <param name="examples">Help examples per command.</param>
    public static void AddSummary(RootCommand root, CliHost host, Option<bool> verbose, Dictionary<Command, string[]> examples)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Model files (format told by content: Keras JSON, TensorFlow.js model.json, .keras, .h5, ONNX, safetensors, PyTorch checkpoints), folders to summarize every model file under, or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "file|folder|-",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "The summary's format: keras3, keras2 (Keras models), torchinfo (PyTorch models), markdown or json. Default: the file's own framework's tool; a table for several files.",
            HelpName = "format",
        };
        files.Validators.Add(result =>
        {
            // The argument takes any number of paths, so a mistyped option would otherwise be read as a file name.
            foreach (Token token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError("'" + token.Value + "' is not an option of this command; write ./" + token.Value + " for a file of that name.");
                }
            }
        });
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, FormatNames);
        var strict = new Option<bool>("--strict") { Description = "Refuse a file with a layer the library cannot count, instead of listing it as unknown." };
        var output = new OutputOptions();
        var command = new Command("summary", "Summarize model files as their framework prints them, or several files as one table.");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(strict);
        output.AddTo(command);
        command.SetAction(parse => Guarded(host, parse, verbose, () =>
        {
            SummaryFormat? chosen = parse.GetValue(format) is string name
                ? (SummaryFormat)Array.FindIndex(FormatNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                : null;
            if (parse.GetValue(output.Json))
            {
                if (chosen is not null and not SummaryFormat.Json)
                {
                    throw CliException.Usage("--json and --format " + FormatNames[(int)chosen] + " ask for two formats; give one.");
                }

                chosen = SummaryFormat.Json;
            }

            var options = new ModelReaderOptions { Strict = parse.GetValue(strict) };
            var run = new SummaryRun(host, output.Budget(parse), chosen, options, parse.GetValue(verbose));
            return run.Run(parse.GetValue(files) ?? []);
        }));
        examples[command] =
        [
            "rparams summary model.keras",
            "rparams summary model.onnx --format markdown",
            "cat model.json | rparams summary -",
            "rparams summary models/ --max-params 5M --max-bytes 20MB",
        ];
        root.Subcommands.Add(command);
    }

    /// <summary>Adds <c>solve</c>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="host">The console.</param>
    /// <param name="verbose">The <c>--verbose</c> option.</param>
    /// <param name="examples">Help examples per command.</param>
    public static void AddSolve(RootCommand root, CliHost host, Option<bool> verbose, Dictionary<Command, string[]> examples)
    {
        var cell = new CellOptions(withUnits: false);
        var torch = new Option<bool>("--torch") { Description = "Solve in the PyTorch convention (torch.nn): hidden_size, with its two bias vectors, num_layers and proj_size; Keras units otherwise." };
        var budget = new Option<long?>("--budget")
        {
            Description = "The largest parameter count allowed (k, M, G, T suffixes allowed: 1M); prints the largest units within it and the next size.",
            HelpName = "n",
            CustomParser = result =>
            {
                long value = Numbers.ParseBudget(result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value, "--budget", bytes: false, out string? error);
                if (error is not null)
                {
                    result.AddError(error);
                }

                return value;
            },
        };
        var match = new Option<string?>("--match")
        {
            Description = "A layer to match, CELL:UNITS (lstm:256), with the same input and options; prints the sizes whose counts are nearest to its count, at or below it and above it.",
            HelpName = "cell:units",
        };
        match.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && ParseMatch(result.Tokens[0].Value, out _, out _) is string error)
            {
                result.AddError(error);
            }
        });
        var json = new Option<bool>("--json") { Description = "Print JSON for machines: the request, the target, and count's JSON for the size found and the next size." };
        var command = new Command("solve", "Find the largest units (PyTorch hidden_size) of a recurrent layer within a parameter budget, or the size nearest to another layer's count.");
        cell.AddTo(command);
        command.Options.Add(torch);
        command.Options.Add(budget);
        command.Options.Add(match);
        command.Options.Add(json);
        command.SetAction(parse => Guarded(host, parse, verbose, () =>
        {
            long? limit = parse.GetValue(budget);
            string? matched = parse.GetValue(match);
            if ((limit is null) == (matched is null))
            {
                throw CliException.Usage(limit is null
                    ? "give --budget N (the largest count allowed) or --match CELL:UNITS (a layer to match)."
                    : "--budget and --match ask two questions; give one.");
            }

            Convention convention = parse.GetValue(torch) ? Convention.Torch : Convention.Keras;
            SolveResult result;
            if (matched is not null)
            {
                ParseMatch(matched, out CellKind? other, out int units);
                CellRequest request = cell.Read(parse, other);
                CellRequest layer = request with
                {
                    Kind = other!,
                    Units = units,
                    ProjSize = other!.Type == CellType.Lstm ? request.ProjSize : 0,
                    ResetAfter = other.Type != CellType.Gru || request.ResetAfter,
                };
                result = Solver.Match(
                    request with { ProjSize = request.Kind.Type == CellType.Lstm ? request.ProjSize : 0, ResetAfter = request.Kind.Type != CellType.Gru || request.ResetAfter },
                    convention,
                    layer);
            }
            else
            {
                result = Solver.Budget(cell.Read(parse), convention, limit!.Value);
            }

            host.Output.Write(parse.GetValue(json) ? JsonOut.Write(result.WriteJson) : result.ToText());
            if (result.Below is null && result.Budget is long b)
            {
                WriteError(host, "over budget: " + result.SizeName + "=" + Numbers.Plain(result.Request.Units) + ", the smallest " + Solver.Describe(result.Request, convention) + ", has " + Numbers.Grouped(result.Above!.Total) + " parameters, over --budget " + Numbers.Grouped(b) + ".");
                return ExitCodes.OverBudget;
            }

            return ExitCodes.Ok;
        }));
        examples[command] =
        [
            "rparams solve lstm --input 128 --budget 1M",
            "rparams solve gru --input 128 --torch --layers 2 --bidirectional --budget 5M",
            "rparams solve gru --input 128 --match lstm:256",
            "rparams solve lstm --input 64 --budget 250k --json",
        ];
        root.Subcommands.Add(command);
    }

    /// <summary>Adds <c>completion</c>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="host">The console.</param>
    /// <param name="examples">Help examples per command.</param>
    public static void AddCompletion(RootCommand root, CliHost host, Dictionary<Command, string[]> examples)
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or pwsh.", HelpName = "shell" };
        shell.AcceptOnlyFromAmong(Completion.Shells.ToArray());
        var command = new Command("completion", "Print a script that completes rparams' commands, options and values in your shell (System.CommandLine's [suggest] directive).");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            host.Output.Write(Completion.Script(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        examples[command] =
        [
            "rparams completion bash >> ~/.bashrc",
            "rparams completion zsh >> ~/.zshrc",
            "rparams completion pwsh >> $PROFILE",
        ];
        root.Subcommands.Add(command);
    }

    /// <summary>Checks a count against the budget and reports each reason on standard error.</summary>
    /// <param name="host">The console.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="what">What was counted, for the message (<c>Keras</c>), or <see langword="null"/>.</param>
    /// <param name="parameters">The count.</param>
    /// <returns><see cref="ExitCodes.OverBudget"/> when over, <see cref="ExitCodes.Ok"/> otherwise.</returns>
    public static int Gate(CliHost host, Budget budget, string? what, long parameters)
    {
        IReadOnlyList<string> reasons = budget.Check(parameters);
        if (reasons.Count == 0)
        {
            return ExitCodes.Ok;
        }

        WriteError(host, (what is null ? string.Empty : what + ": ") + "over budget: " + string.Join("; ", reasons) + ".");
        return ExitCodes.OverBudget;
    }

    /// <summary>Writes one error line, red on a terminal.</summary>
    /// <param name="host">The console.</param>
    /// <param name="message">The message, without the <c>rparams:</c> prefix.</param>
    public static void WriteError(CliHost host, string message)
    {
        string line = "rparams: " + Rparams.OneLine(message);
        host.WriteError(host.Progress ? Ansi.Red + line + Ansi.Reset : line);
    }

    /// <summary>Reads <c>--match CELL:UNITS</c>.</summary>
    /// <param name="text">What the user typed, e.g. <c>lstm:256</c>.</param>
    /// <param name="kind">The cell, or <see langword="null"/> on error.</param>
    /// <param name="units">Its units, or 0 on error.</param>
    /// <returns>The error message, or <see langword="null"/> when the text is a cell and a size.</returns>
    internal static string? ParseMatch(string text, out CellKind? kind, out int units)
    {
        kind = null;
        units = 0;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "--match takes CELL:UNITS, e.g. lstm:256; got '" + text + "'.";
        }

        try
        {
            kind = CellKind.Find(text[..colon]);
        }
        catch (CliException e)
        {
            return "--match: " + e.Message;
        }

        units = Numbers.ParseSize(text[(colon + 1)..], "--match's units", 1, int.MaxValue, out string? error);
        if (error is not null)
        {
            kind = null;
        }

        return error;
    }

    /// <summary>Runs a handler and turns its failures into one line and an exit code.</summary>
    private static int Guarded(CliHost host, ParseResult parse, Option<bool> verbose, Func<int> handler)
    {
        try
        {
            return handler();
        }
        catch (CliException e)
        {
            WriteError(host, e.Message);
            if (parse.GetValue(verbose) && e.InnerException is not null)
            {
                host.WriteError(e.InnerException.ToString());
            }

            return e.ExitCode;
        }
    }

    /// <summary>The options that say which cell to count: the cell argument, sizes, stacking, direction, bias and GRU's reset_after.</summary>
    private sealed class CellOptions
    {
        private readonly bool withUnits;

        public CellOptions(bool withUnits = true)
        {
            this.withUnits = withUnits;
            Cell.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, CellKind.Names.ToArray());
        }

        public Argument<string> Cell { get; } = new("cell")
        {
            HelpName = "cell",
            Description = "The cell: simplernn (or rnn), lstm, gru, cudnnlstm, cudnngru (Keras 2's cuDNN layers), or a single-step cell: rnncell, lstmcell, grucell.",
        };

        public Option<int> Units { get; } = SizeOption("--units", "Keras units, PyTorch hidden_size.", 1, int.MaxValue, required: true, "-u", "--hidden-size");

        public Option<int> Input { get; } = SizeOption("--input", "Input features of the first layer (PyTorch input_size).", 1, int.MaxValue, required: true, "-i", "--input-size");

        public Option<int> Layers { get; } = SizeOption("--layers", "Stacked layers: PyTorch num_layers, or that many Keras layers each feeding the next (default 1, at most 10,000).", 1, 10_000, required: false, "-l", "--num-layers");

        public Option<bool> Bidirectional { get; } = new("--bidirectional", "-b") { Description = "Both directions: Keras' Bidirectional wrapper (concat), PyTorch's bidirectional=True." };

        public Option<int> ProjSize { get; } = SizeOption("--proj-size", "PyTorch LSTM proj_size (with --torch), between 1 and units - 1; 0 for none.", 0, int.MaxValue, required: false);

        public Option<bool> NoBias { get; } = new("--no-bias") { Description = "No bias vectors: Keras use_bias=False, PyTorch bias=False." };

        public Option<bool> ResetAfter { get; } = new("--reset-after")
        {
            Description = "Keras GRU reset_after: true (Keras 3 and TF2's default, two bias vectors) or false (TF1, Keras 2.2 and TensorFlow.js's default).",
            DefaultValueFactory = _ => true,
            HelpName = "true|false",
        };

        public void AddTo(Command command)
        {
            command.Arguments.Add(Cell);
            if (withUnits)
            {
                command.Options.Add(Units);
            }

            command.Options.Add(Input);
            command.Options.Add(Layers);
            command.Options.Add(Bidirectional);
            command.Options.Add(ProjSize);
            command.Options.Add(NoBias);
            command.Options.Add(ResetAfter);
        }

        public CellRequest Read(ParseResult parse, CellKind? other = null)
        {
            CellKind kind = CellKind.Find(parse.GetValue(Cell)!);
            bool resetAfter = parse.GetValue(ResetAfter);
            if (!resetAfter && kind.Type != CellType.Gru && other?.Type != CellType.Gru)
            {
                throw CliException.Usage("--reset-after: reset_after is a Keras GRU option; " + (other is null ? kind.Name + " has none." : kind.Name + " and " + other.Name + " have none."));
            }

            return new CellRequest(
                kind,
                withUnits ? parse.GetValue(Units) : 0,
                parse.GetValue(Input),
                parse.GetResult(Layers) is null ? 1 : parse.GetValue(Layers),
                parse.GetValue(Bidirectional),
                parse.GetValue(ProjSize),
                !parse.GetValue(NoBias),
                resetAfter);
        }

        private static Option<int> SizeOption(string name, string description, int min, int max, bool required, params string[] aliases) => new(name, aliases)
        {
            Description = description,
            Required = required,
            HelpName = "n",
            CustomParser = result => ParseSize(result, name, min, max),
        };

        private static int ParseSize(ArgumentResult result, string name, int min, int max)
        {
            int value = Numbers.ParseSize(result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value, name, min, max, out string? error);
            if (error is not null)
            {
                result.AddError(error);
            }

            return value;
        }
    }

    /// <summary>The options every counting command shares: <c>--json</c> and the budget gate.</summary>
    private sealed class OutputOptions
    {
        public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for machines (summaries follow the library's summary JSON schema)." };

        public Option<long?> MaxParams { get; } = BudgetOption("--max-params", "Fail with exit code 1 when a count is over n parameters (k, M, G suffixes allowed: 5M).", bytes: false);

        public Option<long?> MaxBytes { get; } = BudgetOption("--max-bytes", "Fail with exit code 1 when the parameters take more than n bytes at --dtype (kB, MB, GB or KiB, MiB, GiB allowed).", bytes: true);

        public Option<string> ElementType { get; } = ElementTypeOption();

        public void AddTo(Command command)
        {
            command.Options.Add(Json);
            command.Options.Add(MaxParams);
            command.Options.Add(MaxBytes);
            command.Options.Add(ElementType);
        }

        public Budget Budget(ParseResult parse)
        {
            string name = parse.GetValue(ElementType) ?? "float32";
            ElementType type = Cli.Budget.ElementTypes.First(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            return new Budget(parse.GetValue(MaxParams), parse.GetValue(MaxBytes), type);
        }

        private static Option<long?> BudgetOption(string name, string description, bool bytes) => new(name)
        {
            Description = description,
            HelpName = "n",
            CustomParser = result =>
            {
                long value = Numbers.ParseBudget(result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value, name, bytes, out string? error);
                if (error is not null)
                {
                    result.AddError(error);
                }

                return value;
            },
        };

        private static Option<string> ElementTypeOption()
        {
            var option = new Option<string>("--dtype")
            {
                Description = "The element type --max-bytes and the Bytes column count in: float32 (default), float16, bfloat16, int8 or float64.",
                DefaultValueFactory = _ => "float32",
                HelpName = "type",
            };
            option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, Cli.Budget.ElementTypes.Select(p => p.Key).ToArray());
            return option;
        }
    }
}
