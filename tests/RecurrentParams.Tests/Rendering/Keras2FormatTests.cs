using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

/// <summary>Keras 2's text, checked against the reference post (Keras 2.1.5 output) byte for byte.</summary>
/// <remarks>Keras 2 pads every table line to 65 columns; trailing spaces are marked with a closing <c>|</c> below so that editors cannot strip them.</remarks>
public sealed class Keras2FormatTests
{
    [Fact]
    public void Render_ReferencePostSimpleRnn_MatchesByteForByte()
    {
        ModelSummary summary = new KerasModelBuilder("model_1").InputLayer(null, 5, name: "input_4").SimpleRnn(4, name: "simple_rnn_1").Build();

        string text = summary.Render(SummaryFormat.Keras2);

        text.Should().Be(Unmark("""
            _________________________________________________________________|
            Layer (type)                 Output Shape              Param #   |
            =================================================================|
            input_4 (InputLayer)         (None, None, 5)           0         |
            _________________________________________________________________|
            simple_rnn_1 (SimpleRNN)     (None, 4)                 40        |
            =================================================================|
            Total params: 40|
            Trainable params: 40|
            Non-trainable params: 0|
            _________________________________________________________________|
            """));
    }

    [Fact]
    public void Render_ReferencePostLstm_MatchesByteForByte()
    {
        ModelSummary summary = new KerasModelBuilder("model_1").InputLayer(null, 5, name: "input_1").Lstm(4, returnSequences: true, name: "lstm_1").Build();

        string text = summary.Render(SummaryFormat.Keras2);

        text.Should().Be(Unmark("""
            _________________________________________________________________|
            Layer (type)                 Output Shape              Param #   |
            =================================================================|
            input_1 (InputLayer)         (None, None, 5)           0         |
            _________________________________________________________________|
            lstm_1 (LSTM)                (None, None, 4)           160       |
            =================================================================|
            Total params: 160|
            Trainable params: 160|
            Non-trainable params: 0|
            _________________________________________________________________|
            """));
    }

    [Fact]
    public void Render_LongFieldsAndThousands_CutsFieldsAndSeparatesTotals()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 300).Lstm(512, returnState: true, name: "a_rather_long_encoder_name").Build();

        string text = summary.Render(SummaryFormat.Keras2);

        text.Should().Be(Unmark("""
            _________________________________________________________________|
            Layer (type)                 Output Shape              Param #   |
            =================================================================|
            a_rather_long_encoder_name ( [(None, 512), (None, 512) 1665024   |
            =================================================================|
            Total params: 1,665,024|
            Trainable params: 1,665,024|
            Non-trainable params: 0|
            _________________________________________________________________|
            """));
    }

    private static string Unmark(string marked) => marked.ReplaceLineEndings("\n").Replace("|\n", "\n").TrimEnd('|');
}
