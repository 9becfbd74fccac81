using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class Conv1dTests
{
    [Fact]
    public void Constructor_Parameters_AreOutByInOverGroupsByKernel()
    {
        var conv = new Conv1d(6, 4, 3, groups: 2);

        conv.Parameters.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (4, 3, 3)", "bias (4,)");
        conv.KernelSize.Should().Equal(3);
        (conv.InChannels, conv.OutChannels, conv.Kernel, conv.Stride, conv.Padding, conv.Dilation, conv.Groups, conv.Bias).Should().Be((6, 4, 3, 1, 0, 1, 2, true));
    }

    [Fact]
    public void ExtraRepr_EveryArgument_FollowsConvNdExtraRepr()
    {
        new Conv1d(4, 8, 5).ToString().Should().Be("Conv1d(4, 8, kernel_size=(5,), stride=(1,))");
        new Conv1d(6, 6, 3, stride: 2, padding: 1, dilation: 2, groups: 3, bias: false).ExtraRepr
            .Should().Be("6, 6, kernel_size=(3,), stride=(2,), padding=(1,), dilation=(2,), groups=3, bias=False");
    }

    [Fact]
    public void Constructor_ChannelsNotMultiplesOfGroups_Throws()
    {
        Action act = () => _ = new Conv1d(6, 4, 3, groups: 4);

        act.Should().Throw<ArgumentException>().WithParameterName("groups").WithMessage("'inChannels' (6) and 'outChannels' (4) must be multiples of 'groups' (4).*");
    }

    [Theory]
    [InlineData(0, 1, 1, 1, 0, 1, 1, "inChannels")]
    [InlineData(1, 0, 1, 1, 0, 1, 1, "outChannels")]
    [InlineData(1, 1, 0, 1, 0, 1, 1, "kernelSize")]
    [InlineData(1, 1, 1, 0, 0, 1, 1, "stride")]
    [InlineData(1, 1, 1, 1, -1, 1, 1, "padding")]
    [InlineData(1, 1, 1, 1, 0, 0, 1, "dilation")]
    [InlineData(1, 1, 1, 1, 0, 1, 0, "groups")]
    public void Constructor_OutOfRange_ThrowsNamingIt(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups, string paramName)
    {
        Action act = () => _ = new Conv1d(inChannels, outChannels, kernel, stride, padding, dilation, groups);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName);
    }

    [Theory]
    [InlineData(20, 5, 1, 2, 1, 20)]
    [InlineData(20, 3, 2, 0, 1, 9)]
    [InlineData(12, 3, 1, 0, 2, 8)]
    public void Forward_Length_IsPyTorchsFormula(long length, int kernel, int stride, int padding, int dilation, long expected)
    {
        // L_out = floor((L + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1
        Tensor output = Probe.Run(new Conv1d(4, 8, kernel, stride, padding, dilation), Probe.Floats(2, 4, length));

        Probe.Shapes(output).Should().Be("[2, 8, " + expected + "]");
    }

    [Fact]
    public void Forward_Unbatched_KeepsTwoDimensions()
    {
        Probe.Shapes(Probe.Run(new Conv1d(4, 8, 3), Probe.Floats(4, 10))).Should().Be("[8, 8]");
    }

    [Fact]
    public void Forward_KernelLongerThanTheInput_Throws()
    {
        Action act = () => Probe.Run(new Conv1d(4, 8, 5, dilation: 2), Probe.Floats(1, 4, 8));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Conv1d) has a kernel spanning 9 steps (dilation included) but receives 8 steps with padding 0.");
    }

    [Fact]
    public void Forward_ChannelsLast_ThrowsWithTheTranspose()
    {
        Action act = () => Probe.Run(new Conv1d(4, 8, 3), Probe.Floats(1, 10, 4));

        act.Should().Throw<InvalidOperationException>().WithMessage("*expects (N, 4, L) or (4, L) but receives a tensor [1, 10, 4] of Float32; a (N, L, C) sequence goes through x.Transpose(1, 2) first.");
    }

    [Fact]
    public void Build_MacsAndDerivation_CountTheKernelPerPosition()
    {
        LayerResult result = new Conv1d(6, 4, 3, groups: 2).Build(new LayerContext(new OutputShape(1, 6, 10), "conv", Convention.Torch, null));

        result.MacsPerStep.Should().Be(4 * 3 * 3);
        result.Derivation!.ToString().Should().Be("Conv1d(6, 4, kernel_size=3): 4·3·3 + 4 = 40");
    }
}
