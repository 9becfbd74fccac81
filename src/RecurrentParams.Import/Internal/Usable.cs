using System;
using System.Linq;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// "Accepted means usable": an <see cref="ImportedModel"/>'s summary renders in every <see cref="SummaryFormat"/> of its
/// convention (its framework's tools, Markdown and JSON) and formats with <see cref="object.ToString"/>. The renderers derive statistics from the rows (byte sizes, torchinfo's
/// mult-adds and memory estimates) that can overflow a <see cref="long"/> where the counts did not; such a summary is
/// refused when the result is made, so a reader turns it into a <see cref="ModelFormatException"/> at read time instead
/// of an <see cref="OverflowException"/> from a later <c>Render</c>.
/// </summary>
internal static class Usable
{
    /// <summary>Below this bound on every statistic a renderer computes, no renderer can overflow (2^60, far from 2^63).</summary>
    private const double SafeBound = 1.152921504606847E+18;

    private static readonly SummaryFormat[] KerasFormats = [SummaryFormat.Keras3, SummaryFormat.Keras2, SummaryFormat.Markdown, SummaryFormat.Json];
    private static readonly SummaryFormat[] TorchFormats = [SummaryFormat.Torchinfo, SummaryFormat.Markdown, SummaryFormat.Json];

    /// <summary>The formats a summary of a convention renders in: its framework's tools, Markdown and JSON.</summary>
    public static SummaryFormat[] Formats(Convention convention) => convention == Convention.Torch ? TorchFormats : KerasFormats;

    /// <summary>Throws <see cref="OverflowException"/> when a renderer of <paramref name="summary"/> would.</summary>
    public static void EnsureRenderable(ModelSummary summary)
    {
        if (Bound(summary) < SafeBound)
        {
            return; // Every statistic is far below long.MaxValue: the common case costs one pass over the rows.
        }

        SummaryFormat current = SummaryFormat.Json;
        try
        {
            foreach (SummaryFormat format in Formats(summary.Convention))
            {
                current = format;
                _ = summary.Render(format);
            }

            _ = summary.ToString();
        }
        catch (OverflowException e)
        {
            throw new OverflowException("The model's counts fit in 64-bit integers, but a statistic its " + current + " summary prints (a byte size, mult-adds or a memory estimate) does not.", e);
        }
    }

    /// <summary>
    /// A generous upper bound (in floating point, so it cannot overflow) on every number a renderer derives: 16 bytes per
    /// parameter, and per row its weights and mult-adds times the product of its output dimensions (unknown and zero
    /// dimensions taken as 1), twice, plus the input's and the output's bytes.
    /// </summary>
    private static double Bound(ModelSummary summary)
    {
        double bound = (16.0 * summary.TotalParams) + summary.MacsPerStep;
        foreach (LayerSummary row in summary.Rows)
        {
            double outputs = row.Outputs.Select(Product).DefaultIfEmpty(1).Max();
            bound += (row.Weights.Sum(w => (double)w.Count) + row.MacsPerStep + 16) * outputs * 2;
        }

        bound += 8 * Product(summary.Output);
        if (summary.Input is OutputShape input)
        {
            bound += (8 * Product(input)) + 64;
        }

        return bound;
    }

    private static double Product(OutputShape shape) =>
        shape.Dimensions.Aggregate(1.0, (product, d) => product * Math.Max(d ?? 1, 1));
}
