using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Conv1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv1d", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsTheConfiguration()
    {
        var layer = new Conv1D(8, 3, strides: 2, padding: Padding.Causal, useBias: false, name: "c");

        layer.Filters.Should().Be(8);
        layer.KernelSize.Should().Be(3);
        layer.Strides.Should().Be(2);
        layer.Padding.Should().Be(Padding.Causal);
        layer.UseBias.Should().BeFalse();
        layer.Name.Should().Be("c");
        layer.ClassName.Should().Be("Conv1D");
        layer.NameBase.Should().Be("conv1d");
    }

    [Theory]
    [InlineData(0, 3, 1, "filters")]
    [InlineData(8, 0, 1, "kernelSize")]
    [InlineData(8, 3, 0, "strides")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int filters, int kernelSize, int strides, string paramName)
    {
        Action act = () => _ = new Conv1D(filters, kernelSize, strides);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must be at least 1; got 0.*");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Constructor_UndefinedPadding_ThrowsOutOfRange(int value)
    {
        Action act = () => _ = new Conv1D(8, 3, padding: (Padding)value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("padding")
            .WithMessage("'padding' must be a defined Padding; got " + value + ".*");
    }

    [Fact]
    public void Build_KernelLongerThanTheSteps_ThrowsWithARemedy()
    {
        var layer = new Conv1D(4, 5);

        Action act = () => layer.Build(Context(null, 3, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv1d' has a kernel that spans 5 positions but receives 3; use padding Same or a smaller kernel.");
    }

    [Fact]
    public void Build_KernelAsLongAsTheSteps_GivesOneStep()
    {
        // Valid padding: ⌊(3 − 3) / 1⌋ + 1 = 1 step.
        LayerResult result = new Conv1D(4, 3).Build(Context(null, 3, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, 1, 4));
    }

    [Theory]
    [InlineData(Padding.Same, 3L)] // ⌈3 / 1⌉
    [InlineData(Padding.Causal, 3L)] // left-padded by kernel − 1: ⌈3 / 1⌉
    public void Build_PaddedKernelLongerThanTheSteps_KeepsTheLength(Padding padding, long expected)
    {
        LayerResult result = new Conv1D(4, 5, padding: padding).Build(Context(null, 3, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, expected, 4));
    }

    [Theory]
    [InlineData(Padding.Valid, 3L)] // ⌊(7 − 2) / 2⌋ + 1 = 3
    [InlineData(Padding.Same, 4L)] // ⌈7 / 2⌉ = 4
    [InlineData(Padding.Causal, 4L)] // ⌈7 / 2⌉ = 4 (7 + 1 padded steps, valid: ⌊(8 − 2) / 2⌋ + 1 = 4)
    public void Build_Strides_ShortenTheSequence(Padding padding, long expected)
    {
        LayerResult result = new Conv1D(4, 2, strides: 2, padding: padding).Build(Context(1, 7, 3));

        result.Outputs.Single().Should().Be(new OutputShape(1, expected, 4));
    }

    [Fact]
    public void Build_UnknownSteps_StayUnknownAndAreNotChecked()
    {
        LayerResult result = new Conv1D(4, 5).Build(Context(null, null, 2));

        result.Outputs.Single().Should().Be(new OutputShape(null, null, 4));
    }

    [Fact]
    public void Build_CountsKernelAndBias()
    {
        // kernel (3, 2, 4) = 24, bias (4,) = 4; a step multiplies the kernel once: 24.
        LayerResult result = new Conv1D(4, 3).Build(Context(null, 7, 2));

        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("kernel (3, 2, 4)", "bias (4,)");
        result.MacsPerStep.Should().Be(24);
        result.Derivation!.ToString().Should().Be("Conv1D(filters=4, kernel_size=3) on 2 channels: 3·2·4 + 4 = 28");
    }

    [Fact]
    public void Build_WithoutBias_HasOnlyTheKernel()
    {
        LayerResult result = new Conv1D(4, 3, useBias: false).Build(Context(null, 7, 2));

        result.Weights.Select(w => w.Name).Should().Equal("kernel");
        result.Derivation!.Total.Should().Be(24);
    }

    [Fact]
    public void Build_NotASequence_Throws()
    {
        Action act = () => new Conv1D(4, 3).Build(Context(null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'conv1d' expects a sequence (batch, time, channels) but its input is (None, 5).");
    }

    [Fact]
    public void Build_UnknownChannels_Throws()
    {
        Action act = () => new Conv1D(4, 3).Build(Context(null, 7, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'conv1d' needs the number of channels to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Conv1D(4, 3).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
