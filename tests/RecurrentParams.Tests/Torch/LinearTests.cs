using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class LinearTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "head", Convention.Torch, null);

    [Fact]
    public void Build_CountsWeightOutByInAndBias()
    {
        // nn.Linear(4, 3): weight (3, 4) + bias (3,) = 15; 12 multiply-accumulates.
        var layer = new Linear(3);

        LayerResult result = layer.Build(Context(1, 7, 4));

        layer.OutFeatures.Should().Be(3);
        layer.Bias.Should().BeTrue();
        result.Outputs.Single().Should().Be(new OutputShape(1, 7, 3));
        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (3, 4)", "bias (3,)");
        result.MacsPerStep.Should().Be(12);
        result.Derivation!.ToString().Should().Be("Linear(in_features=4, out_features=3): 3·4 + 3 = 15");
    }

    [Fact]
    public void Build_WithoutBias_HasOnlyTheWeight()
    {
        LayerResult result = new Linear(3, bias: false).Build(Context(1, 4));

        result.Weights.Select(w => w.Name).Should().Equal("weight");
    }

    [Fact]
    public void Constructor_OutFeaturesBelowOne_ThrowsOutOfRange()
    {
        Action act = () => _ = new Linear(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("outFeatures");
    }

    [Fact]
    public void Build_UnknownInFeatures_Throws()
    {
        Action act = () => new Linear(3).Build(Context(1, null));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'head' needs the last dimension (in_features) to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Linear(3).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
