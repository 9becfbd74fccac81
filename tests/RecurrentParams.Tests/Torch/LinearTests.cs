using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class LinearTests
{
    [Fact]
    public void Constructor_Parameters_AreWeightOutByInAndBias()
    {
        // nn.Linear(4, 3): weight (3, 4) + bias (3,) = 15.
        var linear = new Linear(4, 3);

        (linear.InFeatures, linear.OutFeatures, linear.Bias).Should().Be((4, 3, true));
        linear.Parameters.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (3, 4)", "bias (3,)");
        linear.ToString().Should().Be("Linear(in_features=4, out_features=3, bias=True)");
    }

    [Fact]
    public void Constructor_WithoutBias_HasOnlyTheWeight()
    {
        var linear = new Linear(4, 3, bias: false);

        linear.Parameters.Select(w => w.Name).Should().Equal("weight");
        linear.ExtraRepr.Should().Be("in_features=4, out_features=3, bias=False");
    }

    [Theory]
    [InlineData(0, 3, "inFeatures")]
    [InlineData(4, 0, "outFeatures")]
    public void Constructor_SizeBelowOne_ThrowsOutOfRange(int inFeatures, int outFeatures, string paramName)
    {
        Action act = () => _ = new Linear(inFeatures, outFeatures);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName);
    }

    [Fact]
    public void Forward_AnyLeadingDimensions_ReplacesTheLast()
    {
        Probe.Shapes(Probe.Run(new Linear(4, 3), Probe.Floats(2, 7, 4))).Should().Be("[2, 7, 3]");
        Probe.Shapes(Probe.Run(new Linear(4, 3), Probe.Floats(4))).Should().Be("[3]");
    }

    [Fact]
    public void Forward_WrongInFeatures_Throws()
    {
        Action act = () => Probe.Run(new Linear(4, 3), Probe.Floats(2, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Linear) expects in_features = 4 in the last dimension but receives a tensor [2, 5] of Float32.");
    }

    [Fact]
    public void Build_CountsMacsAndDerivation()
    {
        LayerResult result = new Linear(4, 3).Build(new LayerContext(new OutputShape(1, 7, 4), "head", Convention.Torch, null));

        result.Outputs.Single().Should().Be(new OutputShape(1, 7, 3));
        result.MacsPerStep.Should().Be(12);
        result.Derivation!.ToString().Should().Be("Linear(in_features=4, out_features=3): 3·4 + 3 = 15");
    }
}
