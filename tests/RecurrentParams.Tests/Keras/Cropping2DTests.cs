using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Cropping2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "cropping2d", Convention.Keras, null);

    [Fact]
    public void Build_CropsRowsAndColumns()
    {
        var layer = new Cropping2D(1, 2, 3, 4, DataFormat.ChannelsFirst);

        (layer.Top, layer.Bottom, layer.Left, layer.Right, layer.DataFormat).Should().Be((1, 2, 3, 4, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 3, 10, 12)).Outputs.Single().Should().Be(new OutputShape(null, 3, 7, 5));
        new Cropping2D(1, 2, 3, 4).Build(Context(null, 10, 12, 3)).Outputs.Single().Should().Be(new OutputShape(null, 7, 5, 3));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => new Cropping2D(right: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("right");
        FluentActions.Invoking(() => new Cropping2D(dataFormat: (DataFormat)5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dataFormat")
            .WithMessage("'dataFormat' must be a defined DataFormat; got 5.*");
    }

    [Fact]
    public void Build_NotAnImage_Throws()
    {
        FluentActions.Invoking(() => new Cropping2D().Build(Context(null, 10, 3))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'cropping2d' expects an image (batch, rows, cols, channels) but its input is (None, 10, 3).");
        FluentActions.Invoking(() => new Cropping2D(dataFormat: DataFormat.ChannelsFirst).Build(Context(null, 10, 3))).Should().Throw<InvalidOperationException>()
            .WithMessage("*expects an image (batch, channels, rows, cols) with data_format channels_first*");
    }
}
