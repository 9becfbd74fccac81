using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AveragePooling3DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "average_pooling3d", Convention.Keras, null);

    [Fact]
    public void Build_PoolsEverySpatialAxis()
    {
        var layer = new AveragePooling3D([3], [2], Padding.Same, DataFormat.ChannelsFirst);

        layer.PoolSize.Should().Equal(3, 3, 3);
        layer.Strides.Should().Equal(2, 2, 2);
        (layer.Padding, layer.DataFormat).Should().Be((Padding.Same, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 2, 6, 7, 8)).Outputs.Single().Should().Be(new OutputShape(null, 2, 3, 4, 4));
    }
}
