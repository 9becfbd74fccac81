using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class GlobalMaxPooling3DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "globalmaxpooling3d", Convention.Keras, null);

    [Fact]
    public void Build_PoolsEveryPosition()
    {
        var layer = new GlobalMaxPooling3D();
        var kept = new GlobalMaxPooling3D(keepDims: true, dataFormat: DataFormat.ChannelsFirst);

        (layer.KeepDims, layer.DataFormat).Should().Be((false, DataFormat.ChannelsLast));
        (kept.KeepDims, kept.DataFormat).Should().Be((true, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 5, 6, 7, 3)).Outputs.Single().Should().Be(new OutputShape(null, 3));
        kept.Build(Context(null, 3, 5, 6, 7)).Outputs.Single().Should().Be(new OutputShape(null, 3, 1, 1, 1));
        layer.Build(Context(null, 5, 6, 7, 3)).Weights.Should().BeEmpty();
        FluentActions.Invoking(() => new GlobalMaxPooling3D(dataFormat: (DataFormat)9)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dataFormat");
    }
}
