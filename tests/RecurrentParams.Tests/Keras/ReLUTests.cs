using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ReLUTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "re_lu", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new ReLU("r");

        layer.Name.Should().Be("r");
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("ReLU");
    }
}
