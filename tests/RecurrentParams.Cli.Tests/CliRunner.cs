using System;
using System.Collections.Generic;
using System.IO;

namespace RecurrentParams.Cli.Tests;

/// <summary>What a run of the command line printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets standard output then standard error, as a terminal shows them when the error comes last.</summary>
    public string Combined => Output + Error;
}

/// <summary>Runs <see cref="Rparams.Run"/> in-process against string writers, as a test's console.</summary>
internal sealed class CliRunner
{
    /// <summary>Gets the test's output folder, where the import tests' fixtures are linked under <c>Fixtures/</c>.</summary>
    public static string TestDirectory { get; } = AppContext.BaseDirectory;

    public string WorkingDirectory { get; init; } = TestDirectory;

    public byte[] Input { get; init; } = [];

    public Dictionary<string, string> Environment { get; init; } = new(StringComparer.Ordinal);

    public bool OutputIsTerminal { get; init; }

    public bool ErrorIsTerminal { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliResult Exec(params string[] args) => new CliRunner().Run(args);

    public CliResult Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, () => new ForwardOnlyStream(new MemoryStream(Input, writable: false)), Environment, WorkingDirectory)
        {
            OutputIsTerminal = OutputIsTerminal,
            ErrorIsTerminal = ErrorIsTerminal,
            Clock = Clock,
        };
        int exitCode = Rparams.Run(args, host);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A stream that reads forward only, as standard input from a pipe does.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
