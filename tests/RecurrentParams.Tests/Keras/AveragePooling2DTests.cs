using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AveragePooling2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "average_pooling2d", Convention.Keras, null);

    [Fact]
    public void Build_PoolsRowsAndColumns()
    {
        var layer = new AveragePooling2D();

        layer.PoolSize.Should().Equal(2, 2);
        layer.Strides.Should().Equal(2, 2);
        (layer.Padding, layer.DataFormat).Should().Be((Padding.Valid, DataFormat.ChannelsLast));
        layer.Build(Context(null, 11, 12, 3)).Outputs.Single().Should().Be(new OutputShape(null, 5, 6, 3));
        new AveragePooling2D([3, 2], [1], Padding.Same).Strides.Should().Equal(1, 1);
        FluentActions.Invoking(() => new AveragePooling2D([0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("poolSize");
        FluentActions.Invoking(() => layer.Build(Context(null, 1, 12, 3))).Should().Throw<InvalidOperationException>()
            .WithMessage("*has a pool that spans 2 positions but receives 1; use padding Same or a smaller pool.");
    }
}
