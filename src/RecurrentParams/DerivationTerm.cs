using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>One term of a <see cref="Derivation"/>: the parameters of one block, as a chain of equal expressions ending in a number.</summary>
/// <remarks>Example: steps <c>4 × (4·4 + 4·5 + 4)</c>, <c>4 × 40</c> and value 160. Instances are immutable and thread-safe.</remarks>
public sealed class DerivationTerm
{
    private readonly string[] steps;

    /// <summary>Initializes a term.</summary>
    /// <param name="label">What the term counts, e.g. <c>layer 1, reverse</c>; empty for the only term of a one-block layer.</param>
    /// <param name="steps">The expressions, from the formula with numbers filled in to the last simplification; at least one.</param>
    /// <param name="value">The value every step evaluates to, 0 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="label"/>, <paramref name="steps"/> or a step is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public DerivationTerm(string label, IEnumerable<string> steps, long value)
    {
        Label = Guard.NotNull(label, nameof(label));
        this.steps = Guard.NotNull(steps, nameof(steps)).ToArray();
        if (this.steps.Length == 0)
        {
            Guard.ThrowArgument(nameof(steps), "'steps' must hold at least one expression.");
        }

        foreach (string step in this.steps)
        {
            Guard.NotNull(step, nameof(steps));
        }

        if (value < 0)
        {
            Guard.ThrowOutOfRange(nameof(value), value, "must be 0 or more");
        }

        Value = value;
    }

    /// <summary>Gets what the term counts.</summary>
    /// <value>Empty for the only term of a one-block layer.</value>
    public string Label { get; }

    /// <summary>Gets the chain of equal expressions, first the formula with numbers filled in.</summary>
    /// <value>At least one expression.</value>
    public IReadOnlyList<string> Steps => Array.AsReadOnly(steps);

    /// <summary>Gets the number of parameters the term counts.</summary>
    /// <value>0 or more.</value>
    public long Value { get; }

    /// <summary>Formats the term as <c>step = step = value</c>.</summary>
    /// <returns>The term without its label, in the invariant culture.</returns>
    public override string ToString() =>
        string.Join(" = ", steps) + " = " + Value.ToString(CultureInfo.InvariantCulture);
}
