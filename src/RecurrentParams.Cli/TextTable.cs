using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecurrentParams.Cli;

/// <summary>A plain table: columns padded to their widest cell, two spaces apart, numbers right-aligned, no trailing spaces; or the same as a Markdown table.</summary>
/// <remarks>Mutable while rows are added; not thread-safe.</remarks>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly List<Row> rows = [];

    /// <summary>Initializes a new instance of the <see cref="TextTable"/> class.</summary>
    /// <param name="columns">Each column's header; a header starting with <c>&gt;</c> makes a right-aligned column (the mark is not printed).</param>
    public TextTable(params string[] columns)
    {
        headers = columns.Select(c => c.StartsWith('>') ? c[1..] : c).ToArray();
        rightAligned = columns.Select(c => c.StartsWith('>')).ToArray();
    }

    /// <summary>Adds a row.</summary>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    public TextTable Add(params string[] cells) => Add(highlight: false, cells);

    /// <summary>Adds a row, optionally highlighted (red on a terminal with colour).</summary>
    /// <param name="highlight">Whether the row is shown in red when colour is on.</param>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    public TextTable Add(bool highlight, params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException("A row needs " + headers.Length + " cells.", nameof(cells));
        }

        rows.Add(new Row(cells, highlight));
        return this;
    }

    /// <summary>Writes the table as aligned plain text, one line per row, each ending with <c>\n</c>.</summary>
    /// <param name="colour">Whether to make the header bold and highlighted rows red with ANSI escapes.</param>
    /// <returns>The table text.</returns>
    public string ToText(bool colour)
    {
        int[] widths = headers.Select((h, k) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Cells[k].Length))).ToArray();
        var text = new StringBuilder();
        AppendLine(text, headers, widths, colour ? Ansi.Bold : null);
        foreach (Row row in rows)
        {
            AppendLine(text, row.Cells, widths, colour && row.Highlight ? Ansi.Red : null);
        }

        return text.ToString();
    }

    /// <summary>Writes the table in GitHub Markdown, numbers right-aligned.</summary>
    /// <returns>The table text, each line ending with <c>\n</c>.</returns>
    public string ToMarkdown()
    {
        string[][] escaped = rows.Select(r => r.Cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)).ToArray()).ToArray();
        int[] widths = headers.Select((h, k) => Math.Max(Math.Max(h.Length, 3), escaped.Length == 0 ? 0 : escaped.Max(r => r[k].Length))).ToArray();
        var text = new StringBuilder();
        AppendMarkdownLine(text, headers, widths);
        text.Append('|');
        for (int k = 0; k < widths.Length; k++)
        {
            text.Append(' ').Append(rightAligned[k] ? new string('-', widths[k] - 1) + ":" : ":" + new string('-', widths[k] - 1)).Append(" |");
        }

        text.Append('\n');
        foreach (string[] row in escaped)
        {
            AppendMarkdownLine(text, row, widths);
        }

        return text.ToString();
    }

    private void AppendLine(StringBuilder text, string[] cells, int[] widths, string? style)
    {
        var line = new StringBuilder();
        for (int k = 0; k < cells.Length; k++)
        {
            string cell = rightAligned[k] ? cells[k].PadLeft(widths[k]) : k == cells.Length - 1 ? cells[k] : cells[k].PadRight(widths[k]);
            line.Append(k == 0 ? string.Empty : "  ").Append(cell);
        }

        string plain = line.ToString().TrimEnd();
        text.Append(style is null ? plain : style + plain + Ansi.Reset).Append('\n');
    }

    private void AppendMarkdownLine(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (int k = 0; k < cells.Length; k++)
        {
            text.Append(' ').Append(rightAligned[k] ? cells[k].PadLeft(widths[k]) : cells[k].PadRight(widths[k])).Append(" |");
        }

        text.Append('\n');
    }

    private sealed record Row(string[] Cells, bool Highlight);
}
