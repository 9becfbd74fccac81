using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ELUTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "elu", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new ELU(0.5);

        layer.Alpha.Should().Be(0.5);
        new ELU().Alpha.Should().Be(1.0);
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("ELU");
    }
}
