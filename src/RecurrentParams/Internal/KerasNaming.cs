using System.Text.RegularExpressions;

namespace RecurrentParams.Internal;

/// <summary>Keras' naming rules, so generated names match what Keras would print.</summary>
internal static class KerasNaming
{
    private static readonly Regex NonWord = new(@"\W+", RegexOptions.CultureInvariant);
    private static readonly Regex CapitalizedWord = new("(.)([A-Z][a-z]+)", RegexOptions.CultureInvariant);
    private static readonly Regex LowerUpper = new("([a-z])([A-Z])", RegexOptions.CultureInvariant);

    /// <summary>Keras' <c>to_snake_case</c>: <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>ConvLSTM2D</c> → <c>conv_lstm2d</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        string result = NonWord.Replace(name, string.Empty);
        result = CapitalizedWord.Replace(result, "$1_$2");
        result = LowerUpper.Replace(result, "$1_$2");
        return result.ToLowerInvariant();
    }
}
