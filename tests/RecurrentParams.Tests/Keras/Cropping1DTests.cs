using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Cropping1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "cropping1d", Convention.Keras, null);

    [Fact]
    public void Build_CropsBothEnds()
    {
        var layer = new Cropping1D(2, 3);

        (layer.Start, layer.End).Should().Be((2, 3));
        (new Cropping1D().Start, new Cropping1D().End).Should().Be((1, 1));
        layer.Build(Context(null, 10, 3)).Outputs.Single().Should().Be(new OutputShape(null, 5, 3));
        layer.Build(Context(null, null, 3)).Outputs.Single().Should().Be(new OutputShape(null, null, 3));
    }

    [Fact]
    public void Build_CropsEverything_Throws()
    {
        FluentActions.Invoking(() => new Cropping1D(2, 3).Build(Context(null, 5, 3))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'cropping1d' crops 2 + 3 positions from an axis of 5; leave at least one.");
        FluentActions.Invoking(() => new Cropping1D(-1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
    }
}
