using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ConvLstm2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv_lstm2d", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsTheConfiguration()
    {
        var layer = new ConvLstm2D(4, [3, 5], strides: [2, 3], padding: Padding.Same, returnSequences: true, returnState: true, useBias: false, dataFormat: DataFormat.ChannelsFirst, name: "c");

        layer.Filters.Should().Be(4);
        layer.KernelSize.Should().Equal(3, 5);
        layer.Strides.Should().Equal(2, 3);
        layer.DilationRate.Should().Equal(1, 1);
        layer.Padding.Should().Be(Padding.Same);
        layer.ReturnSequences.Should().BeTrue();
        layer.ReturnState.Should().BeTrue();
        layer.UseBias.Should().BeFalse();
        layer.DataFormat.Should().Be(DataFormat.ChannelsFirst);
        layer.ClassName.Should().Be("ConvLSTM2D");
        layer.NameBase.Should().Be("conv_lstm2d"); // Keras to_snake_case("ConvLSTM2D")
    }

    [Fact]
    public void Constructor_OneKernelSize_AppliesToBothAxes()
    {
        new ConvLstm2D(4, [3]).KernelSize.Should().Equal(3, 3);
    }

    [Fact]
    public void Constructor_SizeBelowOne_ThrowsNamingIt()
    {
        FluentActions.Invoking(() => new ConvLstm2D(0, [3])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("filters")
            .WithMessage("'filters' must be at least 1; got 0.*");
        FluentActions.Invoking(() => new ConvLstm2D(4, [3, 0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("kernelSize")
            .WithMessage("'kernelSize' must hold values of at least 1; got 0.*");
        FluentActions.Invoking(() => new ConvLstm2D(4, [3], strides: [0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("strides");
    }

    [Fact]
    public void Constructor_ThreeKernelSizes_ThrowsNamingTheRule()
    {
        FluentActions.Invoking(() => new ConvLstm2D(4, [3, 3, 3])).Should().Throw<ArgumentException>().WithParameterName("kernelSize")
            .WithMessage("'kernelSize' must hold 1 value (for every axis) or 2 (one per axis); got 3.*");
    }

    [Fact]
    public void Constructor_StridesAndDilation_ThrowsAsKerasDoes()
    {
        FluentActions.Invoking(() => new ConvLstm2D(4, [3], strides: [2], dilationRate: [2])).Should().Throw<ArgumentException>()
            .WithParameterName("dilationRate");
    }

    [Theory]
    [InlineData(Padding.Causal)]
    [InlineData((Padding)7)]
    public void Constructor_PaddingOtherThanValidOrSame_ThrowsOutOfRange(Padding value)
    {
        Action act = () => _ = new ConvLstm2D(4, [3], padding: value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("padding")
            .WithMessage("'padding' must be Padding.Valid or Padding.Same (causal padding is for 1-D convolutions)*");
    }

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layers convlstm2d-f4-k3-c2-bias1): (None, 6, 10, 10, 2) → (None, 8, 8, 4), 880 params
        // = 4f·(kh·kw·(c + f) + 1) = 16·(9·6 + 1). Per step every kernel element multiplies once per output
        // position: (3·3·2·16 + 3·3·4·16)·(8·8) = 864·64.
        LayerResult result = new ConvLstm2D(4, [3, 3]).Build(Context(null, 6, 10, 10, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, 8, 8, 4));
        result.Weights.Select(w => $"{w.Path} {w.Shape}").Should().Equal(
            "conv_lstm_cell/kernel (3, 3, 2, 16)", "conv_lstm_cell/recurrent_kernel (3, 3, 4, 16)", "conv_lstm_cell/bias (16,)");
        result.Derivation!.Total.Should().Be(880);
        result.Derivation.Subject.Should().Be("ConvLSTM2D(filters=4, kernel_size=(3, 3)) on 2 channels");
        result.MacsPerStep.Should().Be(864 * 64);
    }

    [Fact]
    public void Build_WithoutBias_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layers convlstm2d-f4-k3-c2-bias0): 864 params.
        LayerResult result = new ConvLstm2D(4, [3], useBias: false).Build(Context(null, 6, 10, 10, 2));

        result.Weights.Sum(w => w.Count).Should().Be(864);
        result.Weights.Should().HaveCount(2);
    }

    [Fact]
    public void Build_ReturnSequencesAndState_KeepTimeAndAddTheStates()
    {
        LayerResult result = new ConvLstm2D(4, [3], returnSequences: true, returnState: true).Build(Context(null, 6, 10, 10, 2));

        result.Outputs.Should().Equal(new OutputShape(null, 6, 8, 8, 4), new OutputShape(null, 8, 8, 4), new OutputShape(null, 8, 8, 4));
    }

    [Fact]
    public void Build_Strides_ShrinkRowsAndColsSeparately()
    {
        // rows ⌊(10 − 3) / 2⌋ + 1 = 4; cols ⌊(9 − 3) / 3⌋ + 1 = 3; same padding: ⌈10 / 2⌉ = 5, ⌈9 / 3⌉ = 3.
        new ConvLstm2D(4, [3], strides: [2, 3]).Build(Context(null, 6, 10, 9, 2)).Outputs.Single()
            .Should().Be(new OutputShape(null, 4, 3, 4));
        new ConvLstm2D(4, [3], strides: [2, 3], padding: Padding.Same).Build(Context(null, 6, 10, 9, 2)).Outputs.Single()
            .Should().Be(new OutputShape(null, 5, 3, 4));
    }

    [Fact]
    public void Build_ChannelsFirst_ReadsChannelsAfterTime()
    {
        // Keras 3.16 (keras3-layer-families convlstm2d-cf-seq): (None, 4, 3, 10, 11) → (None, 4, 2, 8, 9), 368 params.
        LayerResult result = new ConvLstm2D(2, [3], returnSequences: true, dataFormat: DataFormat.ChannelsFirst).Build(Context(null, 4, 3, 10, 11));

        result.Outputs.Single().Should().Be(new OutputShape(null, 4, 2, 8, 9));
        result.Weights.Sum(w => w.Count).Should().Be(368);
    }

    [Fact]
    public void Build_KernelTallerThanTheInput_ThrowsWithARemedy()
    {
        // Valid padding leaves no row: 2 rows < 5.
        Action act = () => new ConvLstm2D(4, [5, 3]).Build(Context(null, 6, 2, 10, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' has a kernel that spans 5 positions but receives 2; use padding Same or a smaller kernel.");
    }

    [Fact]
    public void Build_KernelLargerThanTheInputWithSamePadding_KeepsTheSize()
    {
        LayerResult result = new ConvLstm2D(4, [3], padding: Padding.Same).Build(Context(null, 6, 2, 2, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, 2, 2, 4));
    }

    [Fact]
    public void Build_UnknownRowsOrCols_StayUnknownAndCountNoMultiplications()
    {
        // Positions are unknown, so multiply-accumulates per step cannot be counted: 0.
        LayerResult rows = new ConvLstm2D(4, [3]).Build(Context(null, null, null, 10, 2));
        LayerResult cols = new ConvLstm2D(4, [3]).Build(Context(null, null, 10, null, 2));

        rows.Outputs.Single().Should().Be(new OutputShape(null, null, 8, 4));
        rows.MacsPerStep.Should().Be(0);
        cols.Outputs.Single().Should().Be(new OutputShape(null, 8, null, 4));
        cols.MacsPerStep.Should().Be(0);
        rows.Derivation!.Total.Should().Be(880);
    }

    [Fact]
    public void Build_NotASequenceOfImages_Throws()
    {
        Action act = () => new ConvLstm2D(4, [3]).Build(Context(null, 10, 10, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' expects a sequence of images (batch, time, rows, cols, channels) but its input is (None, 10, 10, 2).");
    }

    [Fact]
    public void Build_UnknownChannels_Throws()
    {
        Action act = () => new ConvLstm2D(4, [3]).Build(Context(null, 6, 10, 10, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("*needs the number of channels to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new ConvLstm2D(4, [3]).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
