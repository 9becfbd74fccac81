using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class BatchNorm1dTests
{
    [Fact]
    public void Constructor_Defaults_HaveParametersAndRunningStatistics()
    {
        var norm = new BatchNorm1d(8);

        (norm.NumFeatures, norm.Eps, norm.Momentum, norm.Affine, norm.TrackRunningStats).Should().Be((8, 1e-5, 0.1, true, true));
        norm.Parameters.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (8,)", "bias (8,)");
        norm.Buffers.Select(b => $"{b.Name} {b.Shape} {b.ElementType}").Should().Equal("running_mean (8,) Float32", "running_var (8,) Float32", "num_batches_tracked () Int64");
        norm.Buffers.Should().OnlyContain(b => !b.Trainable);
        norm.ToString().Should().Be("BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
    }

    [Fact]
    public void Constructor_WithoutAffineOrStatistics_HasNothing()
    {
        var norm = new BatchNorm1d(5, affine: false, trackRunningStats: false);

        norm.Parameters.Should().BeEmpty();
        norm.Buffers.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        FluentActions.Invoking(() => new BatchNorm1d(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numFeatures");
        FluentActions.Invoking(() => new BatchNorm1d(4, eps: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("eps");
        FluentActions.Invoking(() => new BatchNorm1d(4, momentum: 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("momentum");
    }

    [Fact]
    public void Forward_ChannelsInDimensionOne_KeepsTheShape()
    {
        Probe.Shapes(Probe.Run(new BatchNorm1d(8), Probe.Floats(3, 8))).Should().Be("[3, 8]");
        Probe.Shapes(Probe.Run(new BatchNorm1d(8), Probe.Floats(3, 8, 5))).Should().Be("[3, 8, 5]");
    }

    [Fact]
    public void Forward_FeaturesLast_ThrowsWithTheTranspose()
    {
        Action act = () => Probe.Run(new BatchNorm1d(8), Probe.Floats(3, 5, 8));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (BatchNorm1d) expects (N, 8) or (N, 8, L) but receives a tensor [3, 5, 8] of Float32; a (N, L, C) sequence goes through x.Transpose(1, 2) first.");
    }
}
