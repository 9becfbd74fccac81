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
        var layer = new ConvLstm2D(4, 3, 5, Padding.Same, returnSequences: true, useBias: false, strideRows: 2, strideCols: 3, name: "c");

        layer.Filters.Should().Be(4);
        layer.KernelRows.Should().Be(3);
        layer.KernelCols.Should().Be(5);
        layer.Padding.Should().Be(Padding.Same);
        layer.ReturnSequences.Should().BeTrue();
        layer.UseBias.Should().BeFalse();
        layer.StrideRows.Should().Be(2);
        layer.StrideCols.Should().Be(3);
        layer.ClassName.Should().Be("ConvLSTM2D");
        layer.NameBase.Should().Be("conv_lstm2d"); // Keras to_snake_case("ConvLSTM2D")
    }

    [Theory]
    [InlineData(0, 3, 3, 1, 1, "filters")]
    [InlineData(4, 0, 3, 1, 1, "kernelRows")]
    [InlineData(4, 3, 0, 1, 1, "kernelCols")]
    [InlineData(4, 3, 3, 0, 1, "strideRows")]
    [InlineData(4, 3, 3, 1, 0, "strideCols")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int filters, int rows, int cols, int strideRows, int strideCols, string paramName)
    {
        Action act = () => _ = new ConvLstm2D(filters, rows, cols, strideRows: strideRows, strideCols: strideCols);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must be at least 1; got 0.*");
    }

    [Theory]
    [InlineData(Padding.Causal)]
    [InlineData((Padding)7)]
    public void Constructor_PaddingOtherThanValidOrSame_ThrowsOutOfRange(Padding value)
    {
        Action act = () => _ = new ConvLstm2D(4, 3, 3, value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("padding")
            .WithMessage("'padding' must be Padding.Valid or Padding.Same (causal padding is for Conv1D)*");
    }

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layers convlstm2d-f4-k3-c2-bias1): (None, 6, 10, 10, 2) → (None, 8, 8, 4), 880 params
        // = 4f·(kh·kw·(c + f) + 1) = 16·(9·6 + 1). Per step every kernel element multiplies once per output
        // position: (3·3·2·16 + 3·3·4·16)·(8·8) = 864·64.
        LayerResult result = new ConvLstm2D(4, 3, 3).Build(Context(null, 6, 10, 10, 2));

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
        LayerResult result = new ConvLstm2D(4, 3, 3, useBias: false).Build(Context(null, 6, 10, 10, 2));

        result.Weights.Sum(w => w.Count).Should().Be(864);
        result.Weights.Should().HaveCount(2);
    }

    [Fact]
    public void Build_ReturnSequences_KeepsTime()
    {
        LayerResult result = new ConvLstm2D(4, 3, 3, returnSequences: true).Build(Context(null, 6, 10, 10, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, 6, 8, 8, 4));
    }

    [Fact]
    public void Build_Strides_ShrinkRowsAndColsSeparately()
    {
        // rows ⌊(10 − 3) / 2⌋ + 1 = 4; cols ⌊(9 − 3) / 3⌋ + 1 = 3; same padding: ⌈10 / 2⌉ = 5, ⌈9 / 3⌉ = 3.
        new ConvLstm2D(4, 3, 3, strideRows: 2, strideCols: 3).Build(Context(null, 6, 10, 9, 2)).Outputs.Single()
            .Should().Be(new OutputShape(null, 4, 3, 4));
        new ConvLstm2D(4, 3, 3, Padding.Same, strideRows: 2, strideCols: 3).Build(Context(null, 6, 10, 9, 2)).Outputs.Single()
            .Should().Be(new OutputShape(null, 5, 3, 4));
    }

    [Fact]
    public void Build_KernelTallerThanTheInput_ThrowsWithARemedy()
    {
        // Valid padding leaves no row: 2 rows < 5.
        Action act = () => new ConvLstm2D(4, 5, 3).Build(Context(null, 6, 2, 10, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' has a 5×3 kernel larger than its 2×10 input; use padding Same or a smaller kernel.");
    }

    [Fact]
    public void Build_KernelWiderThanTheInput_ThrowsWithARemedy()
    {
        // 4 cols < 5, also with a stride of 2 (no column, not ⌊(4 − 5) / 2⌋ + 1).
        Action act = () => new ConvLstm2D(4, 2, 5, strideCols: 2).Build(Context(null, 6, 10, 4, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' has a 2×5 kernel larger than its 10×4 input; use padding Same or a smaller kernel.");
    }

    [Fact]
    public void Build_KernelLargerThanTheInputWithSamePadding_KeepsTheSize()
    {
        LayerResult result = new ConvLstm2D(4, 3, 3, Padding.Same).Build(Context(null, 6, 2, 2, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, 2, 2, 4));
    }

    [Fact]
    public void Build_UnknownRowsOrCols_StayUnknownAndCountNoMultiplications()
    {
        // Positions are unknown, so multiply-accumulates per step cannot be counted: 0.
        LayerResult rows = new ConvLstm2D(4, 3, 3).Build(Context(null, null, null, 10, 2));
        LayerResult cols = new ConvLstm2D(4, 3, 3).Build(Context(null, null, 10, null, 2));

        rows.Outputs.Single().Should().Be(new OutputShape(null, null, 8, 4));
        rows.MacsPerStep.Should().Be(0);
        cols.Outputs.Single().Should().Be(new OutputShape(null, 8, null, 4));
        cols.MacsPerStep.Should().Be(0);
        rows.Derivation!.Total.Should().Be(880);
    }

    [Fact]
    public void Build_NotASequenceOfImages_Throws()
    {
        Action act = () => new ConvLstm2D(4, 3, 3).Build(Context(null, 10, 10, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv_lstm2d' expects a sequence of images (batch, time, rows, cols, channels) but its input is (None, 10, 10, 2).");
    }

    [Fact]
    public void Build_UnknownChannels_Throws()
    {
        Action act = () => new ConvLstm2D(4, 3, 3).Build(Context(null, 6, 10, 10, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("*needs the number of channels to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new ConvLstm2D(4, 3, 3).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
