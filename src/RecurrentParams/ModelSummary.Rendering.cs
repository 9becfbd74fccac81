using System;
using System.Diagnostics.Contracts;
using RecurrentParams.Internal;
using RecurrentParams.Rendering;

namespace RecurrentParams;

// Rendering: the summary as the text Keras, torchinfo, Markdown or JSON readers expect (renderers in Rendering/).
public sealed partial class ModelSummary
{
    /// <summary>Renders the summary in a format, with the format's default options.</summary>
    /// <param name="format">
    /// The format: <see cref="SummaryFormat.Keras3"/> (box table, ends with a newline as Keras' capture does),
    /// <see cref="SummaryFormat.Keras2"/> (65 columns), <see cref="SummaryFormat.Torchinfo"/> (torchinfo 1.8, <c>depth=3</c>),
    /// <see cref="SummaryFormat.Markdown"/> (a GitHub table and the totals) or <see cref="SummaryFormat.Json"/>
    /// (indented camelCase; schema in <c>docs/summary-json-schema.md</c>) or <see cref="SummaryFormat.TorchRepr"/>
    /// (PyTorch's <c>print(model)</c> of <see cref="Module"/>).
    /// </param>
    /// <returns>The text, lines joined with <c>\n</c>, in the invariant culture whatever the current culture.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">
    /// The format is another framework's tool: <see cref="SummaryFormat.Keras3"/> and <see cref="SummaryFormat.Keras2"/> print
    /// Keras models only, <see cref="SummaryFormat.Torchinfo"/> PyTorch models only. Markdown and JSON take both.
    /// <see cref="SummaryFormat.TorchRepr"/> needs the module tree (<see cref="Module"/>), which summaries built by
    /// <see cref="TorchModelBuilder"/> have.
    /// </exception>
    /// <exception cref="OverflowException">A statistic of the format (a byte size, torchinfo's mult-adds) does not fit in a <see cref="long"/>.</exception>
    /// <remarks>
    /// <para>Renderers only format what the summary holds; the display-only statistics a tool prints (Keras' byte sizes,
    /// torchinfo's mult-adds and memory estimates) are derived from the rows as that tool derives them.</para>
    /// <para>Markdown: for a Keras model the line <c>Model: "name"</c>, a table <c>| Layer (type) | Output Shape | Param # |</c>
    /// (plus a <c>Trainable</c> column with each layer's trainable count when the model has non-trainable parameters) and the
    /// totals as a list with Keras 3's byte sizes; for a PyTorch model torchinfo's headings (<c>Layer (type:depth-idx)</c>, the
    /// model as the first row, <c>├─LSTM: 1-1</c>, a <c>Trainable</c> column of <c>True</c>/<c>False</c>/<c>Partial</c> when
    /// parameters are frozen) and torchinfo's totals, mult-adds and sizes. Numbers are right-aligned with thousands
    /// separators and cells padded so the source reads as a table.</para>
    /// </remarks>
    [Pure]
    public string Render(SummaryFormat format) => format switch
    {
        SummaryFormat.Keras3 => Keras3Renderer.Render(Expect(Convention.Keras, format), Keras3SummaryOptions.Default),
        SummaryFormat.Keras2 => Keras2Renderer.Render(Expect(Convention.Keras, format)),
        SummaryFormat.Torchinfo => TorchinfoRenderer.Render(Expect(Convention.Torch, format), TorchinfoSummaryOptions.Default),
        SummaryFormat.Markdown => MarkdownRenderer.Render(this),
        SummaryFormat.Json => JsonRenderer.Render(this),
        SummaryFormat.TorchRepr => TorchRepr(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "'format' must be a defined SummaryFormat."),
    };

    /// <summary>Renders the summary as Keras 3's <c>model.summary(line_length=..., show_trainable=...)</c>.</summary>
    /// <param name="options">The line length and whether to show the Trainable column.</param>
    /// <returns>The text, ending with a newline as Keras' captured summary does.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The line length leaves a column fewer than 4 characters, which Keras refuses too.</exception>
    /// <exception cref="InvalidOperationException">The summary is of a PyTorch model, which Keras does not print.</exception>
    /// <exception cref="OverflowException">A byte size does not fit in a <see cref="long"/>.</exception>
    [Pure]
    public string Render(Keras3SummaryOptions options)
    {
        Guard.NotNull(options, nameof(options));
        return Keras3Renderer.Render(Expect(Convention.Keras, SummaryFormat.Keras3), options);
    }

    /// <summary>Renders the summary as torchinfo 1.8's <c>summary(model, input_size, depth=..., col_names=..., row_settings=..., verbose=...)</c>.</summary>
    /// <param name="options">The depth, columns, row settings, column width and verbosity.</param>
    /// <returns>The text, without a trailing newline, as <c>str(summary(...))</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The summary is of a Keras model, which torchinfo does not print.</exception>
    /// <exception cref="OverflowException">The mult-adds or a byte size do not fit in a <see cref="long"/>.</exception>
    /// <remarks>
    /// The model is the first row. A module tree (rows from <see cref="TorchModelBuilder"/>) prints as torchinfo's list,
    /// containers and <c>(recursive)</c> rows included, folded at <see cref="TorchinfoSummaryOptions.Depth"/>; the rows of a
    /// summary read from a file are the model's children (<c>├─LSTM: 1-1</c>), each with
    /// <see cref="LayerSummary.InputShape"/> or else the previous row's output as its input. The size section appears when
    /// the input shape is known.
    /// </remarks>
    [Pure]
    public string Render(TorchinfoSummaryOptions options)
    {
        Guard.NotNull(options, nameof(options));
        return TorchinfoRenderer.Render(Expect(Convention.Torch, SummaryFormat.Torchinfo), options);
    }

    /// <summary>PyTorch's <c>print(model)</c> of the module tree.</summary>
    private string TorchRepr()
    {
        Expect(Convention.Torch, SummaryFormat.TorchRepr);
        return Module?.ToString()
            ?? throw new InvalidOperationException("The model '" + Name + "' has no module tree to print (it was read from a file without one); render it as Torchinfo, Markdown or Json, or build it with TorchModelBuilder.");
    }

    /// <summary>Renders the summary as its framework's tool prints it: Keras 3 for Keras models, torchinfo for PyTorch ones.</summary>
    /// <returns><see cref="Render(SummaryFormat)"/> with <see cref="SummaryFormat.Keras3"/> or <see cref="SummaryFormat.Torchinfo"/>.</returns>
    public override string ToString() =>
        Render(Convention == Convention.Torch ? SummaryFormat.Torchinfo : SummaryFormat.Keras3);

    /// <summary>Refuses to print a summary with another framework's tool: its numbers would not be that tool's numbers.</summary>
    private ModelSummary Expect(Convention convention, SummaryFormat format)
    {
        if (Convention != convention)
        {
            throw new InvalidOperationException(string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "The model '{0}' is a {1} model; {2} prints {3} models only. Render it as {4}, Markdown or Json.",
                Name,
                Convention == Convention.Keras ? "Keras" : "PyTorch",
                format,
                convention == Convention.Keras ? "Keras" : "PyTorch",
                Convention == Convention.Keras ? "Keras3, Keras2" : "Torchinfo"));
        }

        return this;
    }
}
