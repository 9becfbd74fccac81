using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;

namespace RecurrentParams.Cli;

/// <summary>The process entry point: binds <see cref="Rparams.Run"/> to the real console, environment and working directory.</summary>
[ExcludeFromCodeCoverage(Justification = "The shell over Rparams.Run; the end-to-end tests run it as a process, which coverage does not measure.")]
internal static class Program
{
    /// <summary>Runs <c>rparams</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Main(string[] args)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var output = new StreamWriter(Console.OpenStandardOutput(), encoding) { AutoFlush = false };
        using var error = new StreamWriter(Console.OpenStandardError(), encoding) { AutoFlush = true };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        var host = new CliHost(output, error, Console.OpenStandardInput, environment, Environment.CurrentDirectory)
        {
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
        return Rparams.Run(args, host);
    }
}
