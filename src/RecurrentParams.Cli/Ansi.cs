namespace RecurrentParams.Cli;

/// <summary>The few ANSI escape sequences the tool writes on a terminal (never when piped or with <c>NO_COLOR</c>).</summary>
internal static class Ansi
{
    /// <summary>Bold text.</summary>
    public const string Bold = "\u001b[1m";

    /// <summary>Red text.</summary>
    public const string Red = "\u001b[31m";

    /// <summary>Back to normal text.</summary>
    public const string Reset = "\u001b[0m";

    /// <summary>Erases from the cursor to the end of the line.</summary>
    public const string ClearLine = "\u001b[K";
}
