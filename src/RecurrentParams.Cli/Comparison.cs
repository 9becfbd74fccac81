using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace RecurrentParams.Cli;

/// <summary>
/// The same layer counted in Keras and in PyTorch, side by side: the parameters by role (input kernels, recurrent
/// kernels, biases), the difference, and why — the README's comparison table for any arguments.
/// </summary>
/// <param name="Keras">The Keras count.</param>
/// <param name="Torch">The PyTorch count.</param>
internal sealed record Comparison(CountResult Keras, CountResult Torch)
{
    private const string Indent = "         ";

    /// <summary>Gets PyTorch's count minus Keras'.</summary>
    public long Difference => checked(Torch.Total - Keras.Total);

    /// <summary>Explains the difference: where it comes from and how it adds up.</summary>
    /// <returns>One sentence or two.</returns>
    public string Explanation()
    {
        CellRequest request = Keras.Request;
        CellKind kind = request.Kind;
        (long _, long _, long kerasBias, long _) = CountText.ByRole(Keras);
        (long _, long _, long torchBias, long _) = CountText.ByRole(Torch);
        if (Difference != torchBias - kerasBias)
        {
            return "PyTorch − Keras = " + Signed(Difference) + ".";
        }

        if (!request.UseBias)
        {
            return "Without biases both conventions hold the same kernels: no difference.";
        }

        if (Difference == 0)
        {
            return kind.IsCuDnn
                ? "Keras 2's " + kind.KerasClass + " keeps cuDNN's two bias vectors per gate block, as PyTorch keeps bias_ih and bias_hh: no difference."
                : "Keras' GRU with reset_after=True (Keras 3 and TF2's default) keeps two bias vectors, (2, 3·units), as PyTorch keeps bias_ih and bias_hh: no difference.";
        }

        int blocks = kind.IsCell ? 1 : checked(request.Layers * (request.Bidirectional ? 2 : 1));
        long perBlock = checked((long)kind.Gates * request.Units);
        string product = Count(kind.Gates, "gate") + " × " + Count(request.Units, "unit")
            + (blocks == 1 ? string.Empty : " × " + blocks.ToString(CultureInfo.InvariantCulture) + " blocks (layers × directions)");
        string sentence = "PyTorch keeps two bias vectors per gate block, bias_ih and bias_hh; Keras keeps one";
        if (kind.Type == CellType.Gru)
        {
            sentence += " (GRU with reset_after=False; reset_after=True keeps two)";
        }

        return checked(perBlock * blocks) == Difference
            ? sentence + ": " + product + " = " + Numbers.Grouped(Difference) + "."
            : sentence + ": PyTorch − Keras = " + Signed(Difference) + ".";
    }

    /// <summary>Writes the comparison as text: a header, the table by role, the explanation, each side's derivation and weights.</summary>
    /// <returns>The text, each line ending with <c>\n</c>.</returns>
    public string ToText()
    {
        CellRequest request = Keras.Request;
        (long kIn, long kRec, long kBias, long _) = CountText.ByRole(Keras);
        (long tIn, long tRec, long tBias, long _) = CountText.ByRole(Torch);
        var table = new TextTable(string.Empty, ">Keras", ">PyTorch", ">PyTorch − Keras");
        table.Add("input kernels", Numbers.Grouped(kIn), Numbers.Grouped(tIn), Signed(checked(tIn - kIn)));
        table.Add("recurrent kernels", Numbers.Grouped(kRec), Numbers.Grouped(tRec), Signed(checked(tRec - kRec)));
        table.Add("biases", Numbers.Grouped(kBias), Numbers.Grouped(tBias), Signed(checked(tBias - kBias)));
        table.Add("total", Numbers.Grouped(Keras.Total), Numbers.Grouped(Torch.Total), Signed(Difference));

        var text = new StringBuilder();
        text.Append(Header(request)).Append("\n\n").Append(table.ToText(colour: false)).Append('\n').Append(Wrap(Explanation())).Append("\n\n");
        AppendSide(text, "Keras:", Keras);
        AppendSide(text, "PyTorch:", Torch);
        return text.ToString();
    }

    /// <summary>Writes the comparison as JSON: each side's count object, the difference and its explanation.</summary>
    /// <param name="writer">The writer, positioned where a value goes.</param>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("keras");
        CountText.WriteJson(writer, Keras);
        writer.WritePropertyName("pytorch");
        CountText.WriteJson(writer, Torch);
        writer.WriteNumber("difference", Difference);
        writer.WriteString("explanation", Explanation());
        writer.WriteEndObject();
    }

    private static string Header(CellRequest request)
    {
        CellKind kind = request.Kind;
        var options = new List<string>
        {
            Count(request.Units, "unit"),
            Count(request.InputSize, "input feature"),
        };
        if (request.Layers > 1)
        {
            options.Add(Count(request.Layers, "layer"));
        }

        if (request.Bidirectional)
        {
            options.Add("bidirectional");
        }

        if (!request.UseBias)
        {
            options.Add("no bias");
        }

        if (kind.Type == CellType.Gru)
        {
            options.Add("reset_after=" + (request.ResetAfter ? "True" : "False"));
        }

        return "Keras " + kind.KerasClass + " and torch.nn." + kind.TorchClass + ": " + string.Join(", ", options);
    }

    private static void AppendSide(StringBuilder text, string label, CountResult result)
    {
        string derivation = CountText.Derivation(result).TrimEnd('\n').Replace("\n", "\n" + Indent, System.StringComparison.Ordinal);
        text.Append(label.PadRight(Indent.Length)).Append(derivation).Append('\n');
        var line = new StringBuilder(Indent);
        string[] weights = CountText.WeightList(result).ToArray();
        for (int k = 0; k < weights.Length; k++)
        {
            string item = weights[k] + (k < weights.Length - 1 ? "," : string.Empty);
            if (line.Length > Indent.Length && line.Length + 1 + item.Length > 100)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(Indent);
            }

            line.Append(line.Length > Indent.Length ? " " : string.Empty).Append(item);
        }

        text.Append(line).Append('\n');
    }

    private static string Wrap(string text)
    {
        var wrapped = new StringBuilder();
        int lineStart = 0;
        foreach (string word in text.Split(' '))
        {
            if (wrapped.Length > lineStart && wrapped.Length - lineStart + 1 + word.Length > 100)
            {
                wrapped.Append('\n');
                lineStart = wrapped.Length;
            }
            else if (wrapped.Length > lineStart)
            {
                wrapped.Append(' ');
            }

            wrapped.Append(word);
        }

        return wrapped.ToString();
    }

    private static string Count(int value, string noun) =>
        value.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (value == 1 ? string.Empty : "s");

    private static string Signed(long value) => value > 0 ? "+" + Numbers.Grouped(value) : Numbers.Grouped(value);
}
