using System;

namespace RecurrentParams.Internal;

/// <summary>
/// A forward pass that PyTorch would stop: a module or a tensor operation cannot take what it receives. Raised without
/// a location by tensor operations; the module running them adds its path on the way out, so the message a user
/// reads names the innermost module.
/// </summary>
internal sealed class ForwardFailure : InvalidOperationException
{
    private ForwardFailure(string message, string problem, bool located, Exception? inner)
        : base(message, inner)
    {
        Problem = problem;
        Located = located;
    }

    /// <summary>Gets the problem without its location, e.g. <c>view: shape [-1, 20] is invalid for 300 elements</c>.</summary>
    public string Problem { get; }

    /// <summary>Gets a value indicating whether the message names the module.</summary>
    public bool Located { get; }

    /// <summary>A problem found by a tensor operation; the module that ran it locates it.</summary>
    public static ForwardFailure Unlocated(string problem) => new(Sentence(problem), problem, located: false, null);

    /// <summary>A problem of the module at <paramref name="path"/> (empty for the model itself).</summary>
    public static ForwardFailure At(string path, string className, string problem, Exception? inner = null) =>
        new(Sentence((path.Length == 0 ? "Module '" + className + "'" : "Module '" + path + "' (" + className + ")") + " " + problem), problem, located: true, inner);

    private static string Sentence(string text) => text.Length > 0 && text[text.Length - 1] == '.' ? text : text + ".";
}
