using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SoftmaxTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "softmax", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new Softmax(1);

        layer.Axis.Should().Be(1);
        new Softmax().Axis.Should().Be(-1);
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("Softmax");
    }
}
