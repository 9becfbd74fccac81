using System;
using System.Collections.Generic;
using System.IO;

namespace RecurrentParams.Cli;

/// <summary>
/// Everything the command line touches outside its arguments: the output and error writers, standard input, the
/// environment, the working directory, whether the outputs are terminals, and the clock. <see cref="Program"/> makes one
/// from the real console; tests make one from string writers, so that every command runs in-process.
/// </summary>
/// <remarks>Instances are immutable; the writers are not thread-safe and are used from one thread.</remarks>
internal sealed class CliHost
{
    private readonly IReadOnlyDictionary<string, string> environment;

    /// <summary>Initializes a new instance of the <see cref="CliHost"/> class.</summary>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where diagnostics and progress go (standard error).</param>
    /// <param name="openStandardInput">Opens standard input, for the file name <c>-</c>.</param>
    /// <param name="environment">The environment variables the tool reads (<c>NO_COLOR</c>, <c>TERM</c>).</param>
    /// <param name="workingDirectory">The directory relative paths are resolved against.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CliHost(TextWriter output, TextWriter error, Func<Stream> openStandardInput, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        Output = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        OpenStandardInput = openStandardInput ?? throw new ArgumentNullException(nameof(openStandardInput));
        this.environment = environment ?? throw new ArgumentNullException(nameof(environment));
        WorkingDirectory = workingDirectory ?? throw new ArgumentNullException(nameof(workingDirectory));
    }

    /// <summary>Gets the writer for results (standard output).</summary>
    public TextWriter Output { get; }

    /// <summary>Gets the writer for diagnostics and progress (standard error).</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the function that opens standard input.</summary>
    public Func<Stream> OpenStandardInput { get; }

    /// <summary>Gets the directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Gets a value indicating whether standard output is a terminal (not a pipe or a file).</summary>
    /// <value><see langword="false"/> unless set: output is plain by default.</value>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Gets a value indicating whether standard error is a terminal, where progress can be shown.</summary>
    /// <value><see langword="false"/> unless set.</value>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Gets the clock that decides when a long folder summary starts showing progress.</summary>
    /// <value><see cref="TimeProvider.System"/> unless set.</value>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Gets a value indicating whether colour and progress are off: the <c>NO_COLOR</c> variable is set to anything non-empty, or <c>TERM</c> is <c>dumb</c>.</summary>
    public bool NoColor =>
        (environment.TryGetValue("NO_COLOR", out string? noColor) && noColor.Length > 0)
        || (environment.TryGetValue("TERM", out string? term) && term == "dumb");

    /// <summary>Gets a value indicating whether results are written with colour: standard output is a terminal and colour is not turned off.</summary>
    public bool Colour => OutputIsTerminal && !NoColor;

    /// <summary>Gets a value indicating whether progress may be shown: standard error is a terminal and colour is not turned off.</summary>
    public bool Progress => ErrorIsTerminal && !NoColor;

    /// <summary>Writes a line to standard error after flushing standard output, so that the two read in order when they go to the same place.</summary>
    /// <param name="line">The line, without its line break.</param>
    public void WriteError(string line)
    {
        Output.Flush();
        Error.Write(line + "\n");
    }

    /// <summary>Resolves a path the user gave against <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">A relative or absolute path.</param>
    /// <returns>The absolute path.</returns>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
