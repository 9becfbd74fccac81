using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Porting;

/// <summary>How one tensor of the target framework is made from tensors of the source framework: names, shapes and the rule.</summary>
/// <remarks>
/// The rule reads like <c>transposed; gates i,o,f,c → i,f,g,o</c>, <c>sum of bias_ih_l0 and bias_hh_l0</c> or <c>zeros</c>.
/// The same data moves the numbers in <see cref="WeightMap.Apply"/>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class TensorMapping
{
    private readonly string[] sources;
    private readonly MappingSegment[] segments;

    internal TensorMapping(string target, TensorShape targetShape, IEnumerable<MappingSegment> segments, string rule)
    {
        Target = target;
        TargetShape = targetShape;
        this.segments = segments.ToArray();
        sources = this.segments.SelectMany(s => s.Terms).Select(t => t.Source).Distinct(StringComparer.Ordinal).ToArray();
        Rule = rule;
    }

    /// <summary>Gets the target tensor's name.</summary>
    /// <value>Not empty, e.g. <c>lstm.weight_ih_l0</c>.</value>
    public string Target { get; }

    /// <summary>Gets the target tensor's shape.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public TensorShape TargetShape { get; }

    /// <summary>Gets the names of the source tensors the target is made from.</summary>
    /// <value>Empty when the target is all zeros (a PyTorch <c>bias_hh</c> made from a Keras layer with one bias).</value>
    public IReadOnlyList<string> Sources => Array.AsReadOnly(sources);

    /// <summary>Gets the rule in words: which source, which part of it, transposed or not, the gate order, sums and zeros.</summary>
    /// <value>Not empty.</value>
    public string Rule { get; }

    internal IReadOnlyList<MappingSegment> Segments => segments;

    private static string Named(string? name, string paramName) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentNullException(paramName, "'" + paramName + "' must give a non-empty name.") : name!;

    /// <summary>Returns the mapping in one line, e.g. <c>lstm.weight_ih_l0 (16, 5) ← lstm/lstm_cell/kernel (5, 16), transposed</c>.</summary>
    /// <returns>The target, its shape and the rule.</returns>
    public override string ToString() => Target + " " + TargetShape + " ← " + Rule;

    /// <summary>Renames the target and the sources, in the rule's words too.</summary>
    internal TensorMapping Rename(Func<string, string> source, Func<string, string> target)
    {
        var names = sources.ToDictionary(n => n, n => Named(source(n), nameof(source)), StringComparer.Ordinal);
        string rule = Rule;
        foreach (KeyValuePair<string, string> pair in names.OrderByDescending(p => p.Key.Length))
        {
            rule = rule.Replace(pair.Key + " (", pair.Value + " (");
        }

        return new TensorMapping(
            Named(target(Target), nameof(target)),
            TargetShape,
            segments.Select(s => new MappingSegment(s.Offset, s.Gates, s.Units, s.Width, s.TransposeOut, s.Permutation, s.Terms.Select(t => new MappingTerm(names[t.Source], t.SourceShape, t.Offset, t.Transposed, t.Part)))),
            rule);
    }

    /// <summary>Computes the target from the source tensors, which the caller has checked.</summary>
    internal float[] Compute(IReadOnlyDictionary<string, NamedTensor> source)
    {
        float[] result = new float[TargetShape.ElementCount];
        foreach (MappingSegment segment in segments)
        {
            segment.Write(result, source);
        }

        return result;
    }
}

/// <summary>
/// One part of a target tensor: <c>Rows × Width</c> values at <see cref="Offset"/> in gate-major order (a gate block of
/// <see cref="Units"/> rows per gate), the sum of <see cref="Terms"/> with gates permuted, written transposed when the
/// target keeps inputs on its rows (a Keras kernel).
/// </summary>
internal sealed class MappingSegment
{
    public MappingSegment(long offset, int gates, long units, long width, bool transposeOut, int[] permutation, IEnumerable<MappingTerm> terms)
    {
        Offset = offset;
        Gates = gates;
        Units = units;
        Width = width;
        TransposeOut = transposeOut;
        Permutation = permutation;
        Terms = terms.ToArray();
    }

    public long Offset { get; }

    public int Gates { get; }

    public long Units { get; }

    public long Width { get; }

    public bool TransposeOut { get; }

    /// <summary>Gets, for each target gate slot, the source gate slot it takes.</summary>
    public int[] Permutation { get; }

    public IReadOnlyList<MappingTerm> Terms { get; }

    public void Write(float[] target, IReadOnlyDictionary<string, NamedTensor> source)
    {
        long rows = checked(Gates * Units);
        foreach (MappingTerm term in Terms)
        {
            float[] values = source[term.Source].Array;
            for (int gate = 0; gate < Gates; gate++)
            {
                long from = Permutation[gate] * Units;
                long to = gate * Units;
                for (long unit = 0; unit < Units; unit++)
                {
                    long sourceRow = from + unit;
                    long targetRow = to + unit;
                    for (long column = 0; column < Width; column++)
                    {
                        long read = term.Offset + (term.Transposed ? (column * rows) + sourceRow : (sourceRow * Width) + column);
                        long write = Offset + (TransposeOut ? (column * rows) + targetRow : (targetRow * Width) + column);
                        target[write] += values[read];
                    }
                }
            }
        }
    }
}

/// <summary>A slice of a source tensor read in gate-major order: at <see cref="Offset"/>, stored transposed (inputs on rows, as a Keras kernel) or not.</summary>
internal sealed class MappingTerm
{
    public MappingTerm(string source, TensorShape sourceShape, long offset, bool transposed, string part)
    {
        Source = source;
        SourceShape = sourceShape;
        Offset = offset;
        Transposed = transposed;
        Part = part;
    }

    public string Source { get; }

    public TensorShape SourceShape { get; }

    public long Offset { get; }

    public bool Transposed { get; }

    /// <summary>Gets the words naming the part of the source read (<c>row 0</c>, <c>direction 1</c>, ...), or empty for all of it.</summary>
    public string Part { get; }
}
