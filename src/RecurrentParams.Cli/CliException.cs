using System;

namespace RecurrentParams.Cli;

/// <summary>A failure the tool reports in one line and turns into an exit code (<see cref="ExitCodes"/>).</summary>
internal sealed class CliException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CliException"/> class.</summary>
    public CliException()
        : this(ExitCodes.BadInput, "The command failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliException"/> class.</summary>
    /// <param name="message">The one-line message, without the <c>rparams:</c> prefix.</param>
    public CliException(string message)
        : this(ExitCodes.BadInput, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliException"/> class.</summary>
    /// <param name="message">The one-line message, without the <c>rparams:</c> prefix.</param>
    /// <param name="innerException">The exception that caused it, shown with <c>--verbose</c>.</param>
    public CliException(string message, Exception? innerException)
        : this(ExitCodes.BadInput, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliException"/> class.</summary>
    /// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
    /// <param name="message">The one-line message, without the <c>rparams:</c> prefix.</param>
    /// <param name="innerException">The exception that caused it, shown with <c>--verbose</c>.</param>
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Gets the exit code the failure maps to.</summary>
    public int ExitCode { get; }

    /// <summary>Makes a usage error (exit code 3).</summary>
    /// <param name="message">The one-line message.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <returns>The exception to throw.</returns>
    public static CliException Usage(string message, Exception? innerException = null) => new(ExitCodes.Usage, message, innerException);
}
