using System;
using System.Globalization;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class DerivationTests
{
    [Fact]
    public void KerasLstm_ReadsLikeTheReferencePost()
    {
        Params.Explain(LayerSpec.Keras.Lstm(4, 5)).ToString()
            .Should().Be("LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160");
    }

    [Fact]
    public void KerasSimpleRnn_HasNoGateFactor()
    {
        Params.Explain(LayerSpec.Keras.SimpleRnn(4, 5)).ToString()
            .Should().Be("SimpleRNN(units=4) on 5 features: 4·4 + 4·5 + 4 = 40");
    }

    [Fact]
    public void KerasGru_ShowsResetAfterAndItsSecondBias()
    {
        Params.Explain(LayerSpec.Keras.Gru(4, 5)).ToString()
            .Should().Be("GRU(units=4, reset_after=True) on 5 features: 3 × (4·4 + 4·5 + 2·4) = 3 × 44 = 132");
        Params.Explain(LayerSpec.Keras.Gru(4, 5, useBias: false, resetAfter: false)).ToString()
            .Should().Be("GRU(units=4, use_bias=False, reset_after=False) on 5 features: 3 × (4·4 + 4·5) = 3 × 36 = 108");
    }

    [Fact]
    public void KerasBidirectional_ListsForwardAndBackward()
    {
        Params.Explain(LayerSpec.Keras.Lstm(4, 5) with { Bidirectional = true }).ToString().Should().Be(
            """
            Bidirectional(LSTM(units=4)) on 5 features: 320 parameters
              forward_lstm:  4 × (4·4 + 4·5 + 4) = 4 × 40 = 160
              backward_lstm: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160
              total: 160 + 160 = 320
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TorchStack_ShowsEachLayerAndDirection()
    {
        Derivation derivation = Params.Explain(LayerSpec.Torch.Lstm(5, 4, numLayers: 2, bidirectional: true, projSize: 2));

        derivation.ToString().Should().Be(
            """
            LSTM(input_size=5, hidden_size=4, num_layers=2, bidirectional=True, proj_size=2): 576 parameters
              layer 0, forward: 4 × (4·2 + 4·5 + 4 + 4) + 2·4 = 4 × 36 + 8 = 152
              layer 0, reverse: 4 × (4·2 + 4·5 + 4 + 4) + 2·4 = 4 × 36 + 8 = 152
              layer 1, forward: 4 × (4·2 + 4·4 + 4 + 4) + 2·4 = 4 × 32 + 8 = 136
              layer 1, reverse: 4 × (4·2 + 4·4 + 4 + 4) + 2·4 = 4 × 32 + 8 = 136
              total: 152 + 152 + 136 + 136 = 576
            """.ReplaceLineEndings("\n"));
        derivation.Terms.Should().HaveCount(4);
        derivation.Terms[2].Label.Should().Be("layer 1, forward");
        derivation.Terms[2].Steps.Should().Equal("4 × (4·2 + 4·4 + 4 + 4) + 2·4", "4 × 32 + 8");
        derivation.Terms[2].Value.Should().Be(136);
        derivation.Total.Should().Be(576);
    }

    [Fact]
    public void TorchStackedUnidirectional_LabelsLayersOnly()
    {
        Params.Explain(LayerSpec.Torch.Rnn(5, 4, numLayers: 2, bias: false)).ToString().Should().Be(
            """
            RNN(input_size=5, hidden_size=4, num_layers=2, bias=False): 68 parameters
              layer 0: 4·4 + 4·5 = 36
              layer 1: 4·4 + 4·4 = 32
              total: 36 + 32 = 68
            """.ReplaceLineEndings("\n"));
        Params.Explain(LayerSpec.Torch.Gru(5, 4, bidirectional: true)).Terms[1].Label.Should().Be("reverse");
        Params.Explain(LayerSpec.Torch.GruCell(5, 4)).ToString()
            .Should().Be("GRUCell(input_size=5, hidden_size=4): 3 × (4·4 + 4·5 + 4 + 4) = 3 × 44 = 132");
    }

    [Fact]
    public void Text_DoesNotDependOnCulture()
    {
        CultureInfo original = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo("ar-SA");
            string arabic = Params.Explain(LayerSpec.Torch.Lstm(12345, 6789, numLayers: 2)).ToString();
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            string german = Params.Explain(LayerSpec.Torch.Lstm(12345, 6789, numLayers: 2)).ToString();

            arabic.Should().Be(german).And.Contain("6789·12345").And.NotContain("6.789");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = original;
        }
    }

    [Fact]
    public void Constructor_ValidatesItsParts()
    {
        var term = new DerivationTerm("x", ["1"], 1);

        FluentActions.Invoking(() => new Derivation("", [term])).Should().Throw<ArgumentException>().Where(e => e.ParamName == "subject");
        FluentActions.Invoking(() => new Derivation("s", [])).Should().Throw<ArgumentException>().Where(e => e.ParamName == "terms");
        FluentActions.Invoking(() => new Derivation("s", [null!])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new DerivationTerm("x", [], 1)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "steps");
        FluentActions.Invoking(() => new DerivationTerm("x", ["1"], -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DerivationTerm("x", [null!], 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Derivation("s", [new DerivationTerm("a", ["a"], long.MaxValue), term])).Should().Throw<OverflowException>();
    }
}
