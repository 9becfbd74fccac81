namespace RecurrentParams.Cli;

/// <summary>The exit codes of <c>rparams</c>, documented in the tool's README; when several apply, the highest wins.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was counted or read, and within any budget given.</summary>
    public const int Ok = 0;

    /// <summary>A count or a file is over the <c>--max-params</c> or <c>--max-bytes</c> budget.</summary>
    public const int OverBudget = 1;

    /// <summary>A file is missing, unreadable, of no supported format or malformed, or a count does not fit in 64 bits.</summary>
    public const int BadInput = 2;

    /// <summary>The command line is wrong: an unknown command or option, a missing or out-of-range value, options that do not go together.</summary>
    public const int Usage = 3;
}
