using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class MaskingTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "masking", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInput()
    {
        var layer = new Masking(-1.0, "m");

        layer.MaskValue.Should().Be(-1.0);
        new Masking().MaskValue.Should().Be(0);
        layer.Build(Context(null, null, 5)).Outputs.Single().Should().Be(new OutputShape(null, null, 5));
        layer.Build(Context(null, null, 5)).Weights.Should().BeEmpty();
    }
}
