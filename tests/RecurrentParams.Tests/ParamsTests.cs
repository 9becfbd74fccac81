using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// The numbers of the reference post and of the frameworks, u = 4 units / hidden, i = 5 inputs. Each golden value was
/// printed by a real run (TensorFlow.js 4.22 or PyTorch; the generating rows are in Vectors/, ids in the comments)
/// and the derivation is written next to it.
/// </summary>
public sealed class ParamsTests
{
    [Fact]
    public void SimpleRnn_ReferencePost_Is40()
    {
        // tfjs simplernn u4 i5: 4·4 + 4·5 + 4 = 40 (the post's "(units x units) + (units * inputs) + units_bias").
        Params.SimpleRnn(4, 5).Should().Be(40);
    }

    [Fact]
    public void Lstm_ReferencePost_Is160()
    {
        // tfjs lstm u4 i5: 4 × (4·4 + 4·5 + 4) = 160.
        Params.Lstm(4, 5).Should().Be(160);
    }

    [Fact]
    public void Lstm_ArgumentOrder_IsUnitsThenInputSize()
    {
        // tfjs lstm u5 i4: 4 × (5·5 + 5·4 + 5) = 200; the asymmetric pair pins (units, inputSize).
        Params.Lstm(units: 5, inputSize: 4).Should().Be(200);
        Params.Lstm(units: 4, inputSize: 5).Should().Be(160);
    }

    [Fact]
    public void Gru_ResetAfterFalse_Is120()
    {
        // tfjs gru u4 i5 reset_after=false: 3 × (4·4 + 4·5 + 4) = 120.
        Params.Gru(4, 5, resetAfter: false).Should().Be(120);
    }

    [Fact]
    public void Gru_ResetAfterTrueDefault_Is132()
    {
        // keras3 gru-u4-i5 (Keras 3.16, reset_after=True by default): bias (2, 12): 3 × (4·4 + 4·5 + 2·4) = 132.
        Params.Gru(4, 5).Should().Be(132);
    }

    [Theory]
    [InlineData("SimpleRNN", 36)] // 4·4 + 4·5
    [InlineData("LSTM", 144)] // 4 × (4·4 + 4·5)
    [InlineData("GRU", 108)] // 3 × (4·4 + 4·5), whatever reset_after
    public void Keras_WithoutBias_DropsTheBiasTerm(string cell, long expected)
    {
        long actual = cell switch
        {
            "SimpleRNN" => Params.SimpleRnn(4, 5, useBias: false),
            "LSTM" => Params.Lstm(4, 5, useBias: false),
            _ => Params.Gru(4, 5, useBias: false),
        };

        actual.Should().Be(expected);
        if (cell == "GRU")
        {
            Params.Gru(4, 5, useBias: false, resetAfter: false).Should().Be(expected);
        }
    }

    [Fact]
    public void Bidirectional_Lstm_Is320()
    {
        // tfjs Bidirectional(LSTM(4)) on 5 features: 2 × 160 = 320 in every merge mode.
        Params.Keras.Lstm(4, 5, bidirectional: true).Should().Be(320);
        Params.Keras.SimpleRnn(4, 5, bidirectional: true).Should().Be(80);
        Params.Keras.Gru(4, 5, bidirectional: true).Should().Be(264);
        Params.Keras.Gru(4, 5, resetAfter: false, bidirectional: true).Should().Be(240);
    }

    [Fact]
    public void Keras_WithoutBias_DropsOneVectorPerGateBlock()
    {
        // u = 4, i = 5: the kernels are G·(4·4 + 4·5) = 36G; use_bias adds G·4 (a reset-after GRU 2·3·4).
        Params.Keras.SimpleRnn(4, 5, useBias: false).Should().Be(36);
        Params.Keras.Lstm(4, 5, useBias: false).Should().Be(144);
        Params.Keras.Gru(4, 5, useBias: false).Should().Be(108);
        Params.Keras.SimpleRnn(4, 5, useBias: false, bidirectional: true).Should().Be(72);
        Params.Keras.Lstm(4, 5, useBias: false, bidirectional: true).Should().Be(288);
        Params.Keras.Gru(4, 5, useBias: false, resetAfter: false, bidirectional: true).Should().Be(216);
        Params.Keras.CuDnnLstm(4, 5, bidirectional: true).Should().Be(352, "2 × 4 × (16 + 20 + 2·4)");
        Params.Keras.CuDnnGru(4, 5, bidirectional: true).Should().Be(264, "2 × 3 × (16 + 20 + 2·4)");
    }

    [Theory]
    // torch ref rows, input 5, hidden 4. RNN per direction-layer: 4·4 + 4·5 + 4 + 4 = 44; LSTM 4×44; GRU 3×44.
    [InlineData(1, false, 44, 176, 132)]
    [InlineData(1, true, 88, 352, 264)]
    // layer 1 takes 4 inputs: RNN 44 + (16 + 16 + 8) = 84; LSTM 176 + 4·40 = 336; GRU 132 + 3·40 = 252.
    [InlineData(2, false, 84, 336, 252)]
    // layer 1 takes 2·4 = 8 inputs: RNN 88 + 2·(16 + 32 + 8) = 200; LSTM 352 + 8·56 = 800; GRU 264 + 6·56 = 600.
    [InlineData(2, true, 200, 800, 600)]
    public void Torch_StackedAndBidirectional_MatchPyTorch(int numLayers, bool bidirectional, long rnn, long lstm, long gru)
    {
        Params.Torch.Rnn(5, 4, numLayers, bidirectional: bidirectional).Should().Be(rnn);
        Params.Torch.Lstm(5, 4, numLayers, bidirectional: bidirectional).Should().Be(lstm);
        Params.Torch.Gru(5, 4, numLayers, bidirectional: bidirectional).Should().Be(gru);
    }

    [Fact]
    public void TorchLstm_Projection_MatchesPyTorch()
    {
        // torch LSTM(5, 4, proj_size=2): 4 × (4·2 + 4·5 + 4 + 4) + 2·4 = 4 × 36 + 8 = 152.
        Params.Torch.Lstm(5, 4, projSize: 2).Should().Be(152);
        Params.Torch.Lstm(5, 4, bidirectional: true, projSize: 2).Should().Be(304);
        // layer 1 takes 2·2 = 4 inputs: 304 + 2 × (4 × (4·2 + 4·4 + 8) + 8) = 304 + 272 = 576.
        Params.Torch.Lstm(5, 4, numLayers: 2, bidirectional: true, projSize: 2).Should().Be(576);
        // layer 1 takes 2 inputs: 152 + 4 × (4·2 + 4·2 + 8) + 8 = 256.
        Params.Torch.Lstm(5, 4, numLayers: 2, projSize: 2).Should().Be(256);
        // no bias: 4 × (4·2 + 4·5) + 2·4 = 120.
        Params.Torch.Lstm(5, 4, bias: false, projSize: 2).Should().Be(120);
    }

    [Fact]
    public void TorchCells_CountLikeOneLayerModules()
    {
        Params.Torch.RnnCell(5, 4).Should().Be(44);
        Params.Torch.LstmCell(5, 4).Should().Be(176);
        Params.Torch.GruCell(5, 4).Should().Be(132);
        Params.Torch.LstmCell(5, 4, bias: false).Should().Be(144);
    }

    [Fact]
    public void Torch_ArgumentOrder_IsInputSizeThenHiddenSize()
    {
        // 4 × (5·5 + 5·4 + 5 + 5) = 220 for input 4, hidden 5; 176 the other way round.
        Params.Torch.Lstm(inputSize: 4, hiddenSize: 5).Should().Be(220);
        Params.Torch.Lstm(inputSize: 5, hiddenSize: 4).Should().Be(176);
    }

    [Fact]
    public void SizeOne_IsTheSmallestLayer()
    {
        // 1·1 + 1·1 + 1 = 3 (keras3 simplernn-u1-i1-bias1).
        Params.SimpleRnn(1, 1).Should().Be(3);
        Params.Torch.Rnn(1, 1).Should().Be(4);
    }

    [Fact]
    public void SimpleRnn_AtIntMaxValue_FitsInLong()
    {
        // n = 2^31 − 1: n·n + n·n + n = 2·(2^62 − 2^32 + 1) + 2^31 − 1 = 2^63 − 2^33 + 2^31 + 1,
        // which is 9,223,372,030,412,324,865 < long.MaxValue = 9,223,372,036,854,775,807.
        Params.SimpleRnn(int.MaxValue, int.MaxValue).Should().Be(9_223_372_030_412_324_865);
        // PyTorch adds a second bias vector of n: 9,223,372,030,412,324,865 + 2,147,483,647.
        Params.Torch.Rnn(int.MaxValue, int.MaxValue).Should().Be(9_223_372_032_559_808_512);
    }

    [Fact]
    public void Overflow_JustPastTheEdge_Throws()
    {
        // Bidirectional doubles 2^63 − 2^33 + 2^31 + 1, which is past long.MaxValue.
        Action bidirectional = () => Params.Keras.SimpleRnn(int.MaxValue, int.MaxValue, bidirectional: true);
        Action lstm = () => Params.Lstm(int.MaxValue, 1);
        Action stacked = () => Params.Torch.Gru(int.MaxValue, int.MaxValue, numLayers: 3, bidirectional: true);

        bidirectional.Should().Throw<OverflowException>();
        lstm.Should().Throw<OverflowException>();
        stacked.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Lstm_JustBelowTheEdge_IsExact()
    {
        // 4·(u² + u·i + u) with u = 2^30, i = 1: 4·(2^60 + 2^30 + 2^30) = 2^62 + 2^33.
        Params.Lstm(1 << 30, 1).Should().Be((1L << 62) + (1L << 33));
        // u = 2^30 + 2^29 makes 4u² = 9·2^60 > 2^63: the edge lies between.
        Action past = () => Params.Lstm((1 << 30) + (1 << 29), 1);
        past.Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData(0, 5, "units")]
    [InlineData(-1, 5, "units")]
    [InlineData(4, 0, "inputSize")]
    [InlineData(4, int.MinValue, "inputSize")]
    public void Keras_SizeBelowOne_ThrowsNamingTheArgument(int units, int inputSize, string paramName)
    {
        Action act = () => Params.Lstm(units, inputSize);

        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == paramName && e.Message.Contains("at least 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 4, 1, 0, "inputSize")]
    [InlineData(5, 0, 1, 0, "hiddenSize")]
    [InlineData(5, 4, 0, 0, "numLayers")]
    [InlineData(5, 4, 1, 4, "projSize")]
    [InlineData(5, 4, 1, -1, "projSize")]
    public void Torch_BadArgument_ThrowsNamingTheArgument(int inputSize, int hiddenSize, int numLayers, int projSize, string paramName)
    {
        Action act = () => Params.Torch.Lstm(inputSize, hiddenSize, numLayers, projSize: projSize);

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == paramName);
    }

    [Fact]
    public void TorchLstm_ProjectionTooLarge_SaysWhatIsAllowed()
    {
        Action act = () => Params.Torch.Lstm(5, 4, projSize: 4);

        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = 3; got 4.*");
    }
}
