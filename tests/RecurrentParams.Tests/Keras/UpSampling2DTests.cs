using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class UpSampling2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "up_sampling2d", Convention.Keras, null);

    [Fact]
    public void Build_RepeatsRowsAndColumns()
    {
        new UpSampling2D().Size.Should().Equal(2, 2);
        new UpSampling2D([3]).Size.Should().Equal(3, 3);
        var layer = new UpSampling2D([2, 3], DataFormat.ChannelsFirst);

        layer.DataFormat.Should().Be(DataFormat.ChannelsFirst);
        layer.Build(Context(null, 3, 10, 12)).Outputs.Single().Should().Be(new OutputShape(null, 3, 20, 36));
    }

    [Fact]
    public void Constructor_InvalidSize_Throws()
    {
        FluentActions.Invoking(() => new UpSampling2D([2, 2, 2])).Should().Throw<ArgumentException>().WithParameterName("size")
            .WithMessage("'size' must hold 1 value (for every axis) or 2 (one per axis); got 3.*");
        FluentActions.Invoking(() => new UpSampling2D([0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
    }
}
