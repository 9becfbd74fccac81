using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace RecurrentParams.Rendering;

/// <summary>How a cell's text is aligned, as rich's column <c>justify</c>.</summary>
internal enum Justify
{
    Left,
    Right,
    Center,
}

/// <summary>
/// The subset of rich's <c>Table</c> layout Keras 3 uses: fixed-width columns, box <c>HEAVY_HEAD</c>, <c>show_lines=True</c>,
/// padding (0, 1), word wrapping and <c>…</c> cropping (rich <c>table.py</c>, <c>text.py</c>, <c>_wrap.py</c>, <c>_ratio.py</c>).
/// </summary>
/// <remarks>Characters count one cell each (rich counts East Asian wide characters as two; layer names rarely have them).</remarks>
internal static class RichTable
{
    private static readonly Regex Word = new(@"\s*\S+\s*", RegexOptions.CultureInvariant);

    /// <summary>Renders the table; every line ends with <c>\n</c>, as rich's console capture does.</summary>
    /// <param name="widths">The columns' widths with padding, from <see cref="TryColumnWidths"/>.</param>
    /// <param name="justify">The alignment of each column.</param>
    /// <param name="header">The header cells.</param>
    /// <param name="rows">The body cells, one array per row.</param>
    /// <param name="output">Receives the text.</param>
    public static void Render(int[] widths, Justify[] justify, string[] header, IEnumerable<string[]> rows, StringBuilder output)
    {
        output.Append(Border('┏', '━', '┳', '┓', widths));
        AppendRow(header, widths, justify, '┃', output);
        output.Append(Border('┡', '━', '╇', '┩', widths));
        bool first = true;
        foreach (string[] row in rows)
        {
            if (!first)
            {
                output.Append(Border('├', '─', '┼', '┤', widths));
            }

            AppendRow(row, widths, justify, '│', output);
            first = false;
        }

        output.Append(Border('└', '─', '┴', '┘', widths));
    }

    /// <summary>rich's <c>Table._calculate_column_widths</c> for fixed-width columns: each wants its width plus 2 of padding; the excess over the table's inner width is taken off evenly (<c>ratio_reduce</c>).</summary>
    /// <param name="tableWidth">rich's <c>Table(width=...)</c>: the whole width, borders included.</param>
    /// <param name="columnWidths">The requested widths of the columns (rich <c>Column(width=...)</c>), without padding.</param>
    /// <returns>The widths of the columns, padding included; <see langword="null"/> when a column would have no room for text.</returns>
    internal static int[]? TryColumnWidths(int tableWidth, int[] columnWidths)
    {
        int[] widths = columnWidths.Select(w => w + 2).ToArray();
        int maxWidth = tableWidth - (columnWidths.Length + 1);
        int excess = widths.Sum() - maxWidth;
        if (excess > 0)
        {
            widths = RatioReduce(excess, widths);
        }

        return widths.Any(w => w < 3) ? null : widths;
    }

    /// <summary>Wraps and aligns a cell's text to lines of exactly <paramref name="width"/> characters (rich <c>Text.wrap</c> with <c>overflow="ellipsis"</c>).</summary>
    internal static List<string> Wrap(string text, int width, Justify justify)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            foreach (string piece in Divide(paragraph, width))
            {
                string line = RightStripEnd(piece, width);
                line = justify switch
                {
                    Justify.Left => Truncate(line, width).PadRight(width),
                    Justify.Right => Truncate(line.TrimEnd(), width).PadLeft(width),
                    _ => Center(Truncate(line.TrimEnd(), width), width),
                };
                lines.Add(line);
            }
        }

        return lines;
    }

    private static string Center(string line, int width)
    {
        string padded = new string(' ', (width - line.Length) / 2) + line;
        return padded.PadRight(width);
    }

    /// <summary>rich <c>Text.truncate</c> with <c>overflow="ellipsis"</c>.</summary>
    private static string Truncate(string line, int width) =>
        line.Length > width ? line.Remove(Math.Max(width - 1, 0)) + "…" : line;

    /// <summary>rich <c>Text.rstrip_end</c>: drops trailing whitespace only as far as it goes past the width.</summary>
    private static string RightStripEnd(string line, int width)
    {
        int excess = line.Length - width;
        if (excess <= 0)
        {
            return line;
        }

        int whitespace = line.Length - line.TrimEnd().Length;
        return line.Substring(0, line.Length - Math.Min(whitespace, excess));
    }

    /// <summary>rich <c>_wrap.divide_line</c> without folding: a word that fits nowhere gets a line of its own (and is cropped later).</summary>
    private static List<string> Divide(string text, int width)
    {
        var breaks = new List<int>();
        int offset = 0;
        foreach (Match word in Word.Matches(text))
        {
            int start = word.Index;
            int wordLength = word.Value.TrimEnd().Length;
            if (width - offset >= wordLength)
            {
                offset += word.Value.Length;
            }
            else if (wordLength > width)
            {
                if (start > 0)
                {
                    breaks.Add(start);
                }

                offset = word.Value.Length;
            }
            else if (offset > 0 && start > 0)
            {
                breaks.Add(start);
                offset = word.Value.Length;
            }
        }

        var pieces = new List<string>(breaks.Count + 1);
        int from = 0;
        foreach (int at in breaks)
        {
            pieces.Add(text.Substring(from, at - from));
            from = at;
        }

        pieces.Add(text.Substring(from));
        return pieces;
    }

    /// <summary>rich <c>_ratio.ratio_reduce</c> with equal ratios: Python's <c>round</c> rounds half to even.</summary>
    private static int[] RatioReduce(int total, int[] values)
    {
        var result = new int[values.Length];
        int totalRemaining = total;
        int totalRatio = values.Length;
        for (int k = 0; k < values.Length; k++)
        {
            int distributed = Math.Min(values[k], (int)Math.Round((double)totalRemaining / totalRatio, MidpointRounding.ToEven));
            result[k] = values[k] - distributed;
            totalRemaining -= distributed;
            totalRatio--;
        }

        return result;
    }

    private static void AppendRow(string[] cells, int[] widths, Justify[] justify, char edge, StringBuilder output)
    {
        var wrapped = new List<string>[cells.Length];
        int height = 0;
        for (int k = 0; k < cells.Length; k++)
        {
            wrapped[k] = Wrap(cells[k], widths[k] - 2, justify[k]);
            height = Math.Max(height, wrapped[k].Count);
        }

        for (int line = 0; line < height; line++)
        {
            output.Append(edge);
            for (int k = 0; k < cells.Length; k++)
            {
                output.Append(' ')
                    .Append(line < wrapped[k].Count ? wrapped[k][line] : new string(' ', widths[k] - 2))
                    .Append(' ')
                    .Append(edge);
            }

            output.Append('\n');
        }
    }

    private static string Border(char left, char fill, char cross, char right, int[] widths) =>
        left + string.Join(cross.ToString(), widths.Select(w => new string(fill, w))) + right + "\n";
}
