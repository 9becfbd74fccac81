using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>A derivation a person can read: which layer, and how its parameter count adds up.</summary>
/// <remarks>
/// <para>A one-block layer prints on one line, in the style of the classic explanation of Keras' <c>model.summary()</c>:</para>
/// <code>LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160</code>
/// <para>A stacked or bidirectional layer prints a header, one indented line per (layer, direction) block and the sum.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Derivation
{
    private readonly IReadOnlyList<DerivationTerm> terms;

    /// <summary>Initializes a derivation.</summary>
    /// <param name="subject">The layer as its framework would write it, e.g. <c>LSTM(units=4) on 5 features</c>; not empty.</param>
    /// <param name="terms">One term per block; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/>, <paramref name="terms"/> or a term is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="subject"/> or <paramref name="terms"/> is empty.</exception>
    /// <exception cref="OverflowException">The terms add up to more than <see cref="long.MaxValue"/>.</exception>
    public Derivation(string subject, IEnumerable<DerivationTerm> terms)
    {
        Subject = Guard.NotNull(subject, nameof(subject));
        if (subject.Length == 0)
        {
            Guard.ThrowArgument(nameof(subject), "'subject' must not be empty.");
        }

        DerivationTerm[] array = Guard.NotNull(terms, nameof(terms)).ToArray();
        this.terms = array;
        if (array.Length == 0)
        {
            Guard.ThrowArgument(nameof(terms), "'terms' must hold at least one term.");
        }

        long total = 0;
        foreach (DerivationTerm term in array)
        {
            total = checked(total + Guard.NotNull(term, nameof(terms)).Value);
        }

        Total = total;
    }

    /// <summary>Initializes a derivation whose terms are computed on demand (a stack of millions of layers) and whose total is known.</summary>
    /// <param name="subject">The layer as its framework would write it; not empty.</param>
    /// <param name="terms">The terms, at least one.</param>
    /// <param name="total">Their sum.</param>
    internal Derivation(string subject, IReadOnlyList<DerivationTerm> terms, long total)
    {
        Subject = subject;
        this.terms = terms;
        Total = total;
    }

    /// <summary>Gets the layer as its framework would write it.</summary>
    /// <value>For example <c>LSTM(input_size=5, hidden_size=4, num_layers=2)</c>.</value>
    public string Subject { get; }

    /// <summary>Gets one term per (layer, direction) block, in the framework's order.</summary>
    /// <value>At least one term.</value>
    public IReadOnlyList<DerivationTerm> Terms => terms is DerivationTerm[] array ? Array.AsReadOnly(array) : terms;

    /// <summary>Gets the total number of parameters: the sum of the terms.</summary>
    /// <value>0 or more.</value>
    public long Total { get; }

    /// <summary>Formats the derivation; lines end with <c>\n</c>.</summary>
    /// <returns>One line for a one-block layer; otherwise a header, one line per term and the sum.</returns>
    public override string ToString()
    {
        string total = Total.ToString(CultureInfo.InvariantCulture);
        if (terms.Count == 1)
        {
            return Subject + ": " + terms[0];
        }

        int labelWidth = terms.Max(t => t.Label.Length) + 1;
        var builder = new StringBuilder();
        builder.Append(Subject).Append(": ").Append(total).Append(" parameters\n");
        foreach (DerivationTerm term in terms)
        {
            builder.Append("  ").Append((term.Label + ":").PadRight(labelWidth + 1)).Append(term).Append('\n');
        }

        builder.Append("  total: ")
            .Append(string.Join(" + ", terms.Select(t => t.Value.ToString(CultureInfo.InvariantCulture))))
            .Append(" = ")
            .Append(total);
        return builder.ToString();
    }
}
