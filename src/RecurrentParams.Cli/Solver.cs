using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using RecurrentParams.Keras;

namespace RecurrentParams.Cli;

/// <summary>
/// What <c>solve</c> found: the largest size of a cell whose count is at most a target (a budget, or the count of a
/// layer to match), and the next size, which is over it.
/// </summary>
/// <param name="Request">The cell and its options; its units are those of <paramref name="Below"/>, or 0 when none fits.</param>
/// <param name="Convention">Keras or PyTorch.</param>
/// <param name="Budget">The <c>--budget</c>, or <see langword="null"/> with <c>--match</c>.</param>
/// <param name="Match">The layer matched with <c>--match</c>, or <see langword="null"/> with <c>--budget</c>.</param>
/// <param name="Target">The budget, or the matched layer's count.</param>
/// <param name="Below">The largest size whose count is at most <paramref name="Target"/>, or <see langword="null"/> when even the smallest is over it.</param>
/// <param name="Above">The next size (the smallest when <paramref name="Below"/> is <see langword="null"/>), over the target; <see langword="null"/> past <see cref="int.MaxValue"/> units or 64-bit counts.</param>
internal sealed record SolveResult(CellRequest Request, Convention Convention, long? Budget, CountResult? Match, long Target, CountResult? Below, CountResult? Above)
{
    /// <summary>Gets a value indicating whether <see cref="Below"/> has exactly the target count.</summary>
    public bool IsExact => Below is not null && Below.Total == Target;

    /// <summary>Gets the name of the size in the convention: Keras <c>units</c>, PyTorch <c>hidden_size</c>.</summary>
    public string SizeName => Convention == Convention.Torch ? "hidden_size" : "units";

    /// <summary>Writes the answer as text: the cell and the question, then the size found and the next size with their counts and distances to the target.</summary>
    /// <returns>The lines, each ending with <c>\n</c>.</returns>
    public string ToText()
    {
        string question = Match is null
            ? "largest " + SizeName + " within " + Numbers.Grouped(Target) + " parameters"
            : SizeName + " nearest to " + Solver.Name(Match.Request, Convention) + ", " + Numbers.Grouped(Target) + " parameters";
        var text = new StringBuilder();
        text.Append(Solver.Describe(Request, Convention)).Append(": ").Append(question).Append('\n');
        AppendLine(text, Below);
        AppendLine(text, Above);
        return text.ToString();
    }

    /// <summary>Writes the answer as a JSON object: the request, the target, the size found, and the count objects of <c>count --json</c> for it and the next size.</summary>
    /// <param name="writer">The writer, positioned where a value goes.</param>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("convention", Convention == Convention.Torch ? "pytorch" : "keras");
        writer.WriteString("cell", Request.Kind.Name);
        writer.WriteNumber("inputSize", Request.InputSize);
        writer.WriteNumber("numLayers", Request.Layers);
        writer.WriteBoolean("bidirectional", Request.Bidirectional);
        writer.WriteNumber("projSize", Request.ProjSize);
        writer.WriteBoolean("useBias", Request.UseBias);
        writer.WriteBoolean("resetAfter", Request.ResetAfter);
        if (Budget is long budget)
        {
            writer.WriteNumber("budget", budget);
        }
        else
        {
            writer.WriteNull("budget");
        }

        writer.WritePropertyName("match");
        WriteCount(writer, Match);
        writer.WriteNumber("target", Target);
        if (Below is not null)
        {
            writer.WriteNumber("units", Below.Request.Units);
        }
        else
        {
            writer.WriteNull("units");
        }

        writer.WriteBoolean("exact", IsExact);
        writer.WritePropertyName("below");
        WriteCount(writer, Below);
        writer.WritePropertyName("above");
        WriteCount(writer, Above);
        writer.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter writer, CountResult? count)
    {
        if (count is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            CountText.WriteJson(writer, count);
        }
    }

    private void AppendLine(StringBuilder text, CountResult? count)
    {
        if (count is null)
        {
            return;
        }

        long difference = checked(count.Total - Target);
        text.Append("  ").Append(SizeName).Append('=').Append(Numbers.Plain(count.Request.Units)).Append(": ")
            .Append(Numbers.Grouped(count.Total)).Append(" parameters, ")
            .Append(difference == 0 ? "exactly" : difference < 0 ? Numbers.Grouped(-difference) + " under" : Numbers.Grouped(difference) + " over")
            .Append('\n');
    }
}

/// <summary>
/// The budget solver of <c>rparams solve</c>: the largest units (PyTorch <c>hidden_size</c>) of a cell within a
/// parameter count, through the library's solvers: <see cref="Params.Keras.MaxUnits"/> for a Keras layer,
/// <see cref="Params.Torch.MaxHiddenSize"/> for a <c>torch.nn</c> module, <see cref="Params.MaxUnits"/> for a
/// single-step cell (closed forms, O(1)) and <see cref="Params.MaxWidth"/> for a stack of Keras layers (a monotone
/// search over the stack's summaries, between bounds from PyTorch's closed form).
/// </summary>
internal static class Solver
{
    /// <summary>Finds the largest size of a cell within a budget, and the next size.</summary>
    /// <param name="request">The cell and its options; its units are ignored.</param>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <param name="budget">The most parameters allowed, 0 or more.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="CliException">The options do not fit the cell or the convention (usage), or a count does not fit in 64 bits (bad input).</exception>
    public static SolveResult Budget(CellRequest request, Convention convention, long budget)
    {
        (CountResult? below, CountResult? above) = Solve(request, convention, budget);
        return new SolveResult((below ?? above)?.Request ?? request, convention, budget, null, budget, below, above);
    }

    /// <summary>Finds the sizes of a cell nearest to another layer's count, at or below it and the next one above.</summary>
    /// <param name="request">The cell and its options; its units are ignored.</param>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <param name="match">The layer to match, with the same options.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="CliException">The options do not fit a cell or the convention (usage), or a count does not fit in 64 bits (bad input).</exception>
    public static SolveResult Match(CellRequest request, Convention convention, CellRequest match)
    {
        CountResult matched = match.Count(convention);
        (CountResult? below, CountResult? above) = Solve(request, convention, matched.Total);
        return new SolveResult((below ?? above)?.Request ?? request, convention, null, matched, matched.Total, below, above);
    }

    /// <summary>Finds the largest units of a cell whose count is at most a budget.</summary>
    /// <param name="request">The cell and its options; its units are ignored.</param>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <param name="budget">The most parameters allowed, 0 or more.</param>
    /// <returns>The largest units, or 0 when even the smallest layer is over the budget.</returns>
    /// <exception cref="CliException">The options do not fit the cell or the convention (a usage error).</exception>
    public static int MaxUnits(CellRequest request, Convention convention, long budget)
    {
        try
        {
            if (request.Kind.IsCell)
            {
                return Params.MaxUnits((request with { Units = request.ProjSize + 1 }).Spec(convention), budget);
            }

            if (convention == Convention.Torch)
            {
                return Params.Torch.MaxHiddenSize(request.Kind.Type, request.InputSize, budget, request.Layers, request.UseBias, request.Bidirectional, request.ProjSize);
            }

            if (request.Layers == 1)
            {
                return Params.Keras.MaxUnits(request.Kind.Type, request.InputSize, budget, request.UseBias, request.ResetAfter, request.Bidirectional);
            }

            // A Keras stack has PyTorch's kernels (each deeper layer reads units, or 2·units, features) and one or two bias
            // vectors per gate block where PyTorch has two: its count lies between PyTorch's without and with biases, whose
            // closed forms bound the search to a few sizes, so that a stack of 10,000 layers is built a few times only.
            int most = Params.Torch.MaxHiddenSize(request.Kind.TorchType, request.InputSize, budget, request.Layers, bias: false, request.Bidirectional);
            int least = Math.Max(1, Params.Torch.MaxHiddenSize(request.Kind.TorchType, request.InputSize, budget, request.Layers, bias: true, request.Bidirectional));
            return most < least ? most : Params.MaxWidth(units => KerasStack(request, units), budget, least, most);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(CellRequest.OptionMessage(e), e);
        }
    }

    /// <summary>Names a layer with its size and the options only its cell has: <c>Keras LSTM(units=256)</c>, <c>torch.nn.LSTM(hidden_size=256, proj_size=64)</c>, <c>Keras GRU(units=300, reset_after=False)</c>.</summary>
    /// <param name="request">The layer.</param>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <returns>The name.</returns>
    public static string Name(CellRequest request, Convention convention)
    {
        bool torch = convention == Convention.Torch;
        var text = new StringBuilder(torch ? "torch.nn." + request.Kind.TorchClass : "Keras " + request.Kind.KerasClass);
        text.Append('(').Append(torch ? "hidden_size=" : "units=").Append(Numbers.Plain(request.Units));
        if (request.ProjSize > 0)
        {
            text.Append(", proj_size=").Append(Numbers.Plain(request.ProjSize));
        }

        if (!request.ResetAfter)
        {
            text.Append(", reset_after=False");
        }

        return text.Append(')').ToString();
    }

    /// <summary>Describes a cell in a convention, without its size: <c>Keras LSTM on 128 input features, 2 stacked layers, bidirectional</c>.</summary>
    /// <param name="request">The cell and its options.</param>
    /// <param name="convention">Keras or PyTorch.</param>
    /// <returns>The description.</returns>
    public static string Describe(CellRequest request, Convention convention)
    {
        bool torch = convention == Convention.Torch;
        var text = new StringBuilder(torch ? "torch.nn." + request.Kind.TorchClass : "Keras " + request.Kind.KerasClass);
        text.Append(" on ").Append(Numbers.Grouped(request.InputSize)).Append(request.InputSize == 1 ? " input feature" : " input features");
        var options = new List<string>();
        if (request.Layers > 1)
        {
            options.Add(Numbers.Grouped(request.Layers) + (torch ? " layers" : " stacked layers"));
        }

        if (request.Bidirectional)
        {
            options.Add("bidirectional");
        }

        if (request.ProjSize > 0)
        {
            options.Add("proj_size=" + Numbers.Plain(request.ProjSize));
        }

        if (!request.UseBias)
        {
            options.Add("no bias");
        }

        if (!request.ResetAfter)
        {
            options.Add("reset_after=False");
        }

        foreach (string option in options)
        {
            text.Append(", ").Append(option);
        }

        return text.ToString();
    }

    private static (CountResult? Below, CountResult? Above) Solve(CellRequest request, Convention convention, long budget)
    {
        if (request.ProjSize == int.MaxValue)
        {
            throw CliException.Usage("--proj-size must be less than the hidden size, so it can be at most 2,147,483,646.");
        }

        // Counting the smallest layer first checks the options against the cell and the convention, and words any
        // refusal as count does.
        int smallest = request.ProjSize + 1;
        CountResult first = (request with { Units = smallest }).Count(convention);
        int units = MaxUnits(request, convention, budget);
        if (units == 0)
        {
            return (null, first);
        }

        CountResult below = units == smallest ? first : (request with { Units = units }).Count(convention);
        return (below, units == int.MaxValue ? null : TryCount(request with { Units = units + 1 }, convention));
    }

    private static CountResult? TryCount(CellRequest request, Convention convention)
    {
        try
        {
            return request.Count(convention);
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.BadInput)
        {
            return null;
        }
    }

    private static ModelSummary KerasStack(CellRequest request, int units)
    {
        // The stack count counts: that many layers, each returning sequences to the next.
        KerasModelBuilder builder = new KerasModelBuilder("stack").Input(null, request.InputSize);
        for (int k = 0; k < request.Layers; k++)
        {
            var layer = new Recurrent(request.Kind.Type, units, returnSequences: k < request.Layers - 1, useBias: request.UseBias, resetAfter: request.ResetAfter);
            builder = request.Bidirectional ? builder.Bidirectional(layer) : builder.Add(layer);
        }

        return builder.Build();
    }
}
