using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Conv2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv2d", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsTheConfiguration()
    {
        var layer = new Conv2D(8, [3, 5], [2, 1], Padding.Same, null, 2, false, DataFormat.ChannelsFirst, "c");

        layer.Filters.Should().Be(8);
        layer.KernelSize.Should().Equal(3, 5);
        layer.Strides.Should().Equal(2, 1);
        layer.DilationRate.Should().Equal(1, 1);
        layer.Groups.Should().Be(2);
        layer.Padding.Should().Be(Padding.Same);
        layer.UseBias.Should().BeFalse();
        layer.DataFormat.Should().Be(DataFormat.ChannelsFirst);
        layer.NameBase.Should().Be("conv2d");
    }

    [Fact]
    public void Build_CountsKernelAndBiasAndEveryPositionsMultiplications()
    {
        // Keras 3.16 (keras3-layer-families conv2d-f8-k3): kernel (3, 3, 3, 8) = 216, bias 8; 26·26 positions.
        LayerResult result = new Conv2D(8, [3]).Build(Context(null, 28, 28, 3));

        result.Outputs.Single().Should().Be(new OutputShape(null, 26, 26, 8));
        result.Weights.Sum(w => w.Count).Should().Be(224);
        result.MacsPerStep.Should().Be(216 * 26 * 26);
        result.Derivation!.ToString().Should().Be("Conv2D(filters=8, kernel_size=(3, 3)) on 3 channels: 3·3·3·8 + 8 = 224");
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingThem()
    {
        FluentActions.Invoking(() => new Conv2D(0, [3])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("filters");
        FluentActions.Invoking(() => new Conv2D(8, null!)).Should().Throw<ArgumentNullException>().WithParameterName("kernelSize");
        FluentActions.Invoking(() => new Conv2D(8, [3], groups: 3)).Should().Throw<ArgumentException>().WithParameterName("groups")
            .WithMessage("'filters' must be divisible by 'groups'; got 8 filters in 3 groups.*");
        FluentActions.Invoking(() => new Conv2D(8, [3], strides: [2], dilationRate: [2])).Should().Throw<ArgumentException>().WithParameterName("dilationRate")
            .WithMessage("'dilationRate' above 1 cannot be combined with 'strides' above 1 (Keras refuses both at once).*");
        FluentActions.Invoking(() => new Conv2D(8, [3], padding: Padding.Causal)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("padding");
        FluentActions.Invoking(() => new Conv2D(8, [3], dataFormat: (DataFormat)2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dataFormat");
    }

    [Fact]
    public void Build_ChannelsTheGroupsDoNotDivide_Throws()
    {
        FluentActions.Invoking(() => new Conv2D(4, [3], groups: 4).Build(Context(null, 8, 8, 6))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'conv2d' has groups=4, which does not divide its 6 input channels.");
    }

    [Fact]
    public void Build_KernelLargerThanTheImage_Throws()
    {
        FluentActions.Invoking(() => new Conv2D(4, [3], dilationRate: [3]).Build(Context(null, 6, 8, 2))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'conv2d' has a kernel that spans 7 positions but receives 6; use padding Same or a smaller kernel.");
    }

    [Fact]
    public void Build_UnknownPositions_CountNoMultiplications()
    {
        new Conv2D(5, [3]).Build(Context(null, null, null, 3)).MacsPerStep.Should().Be(0);
    }
}
