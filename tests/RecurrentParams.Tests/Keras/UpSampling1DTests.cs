using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class UpSampling1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "up_sampling1d", Convention.Keras, null);

    [Fact]
    public void Build_RepeatsEachStep()
    {
        new UpSampling1D().Size.Should().Be(2);
        new UpSampling1D(3).Build(Context(null, 10, 3)).Outputs.Single().Should().Be(new OutputShape(null, 30, 3));
        new UpSampling1D(3).Build(Context(null, null, 3)).Outputs.Single().Should().Be(new OutputShape(null, null, 3));
        FluentActions.Invoking(() => new UpSampling1D(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
    }
}
