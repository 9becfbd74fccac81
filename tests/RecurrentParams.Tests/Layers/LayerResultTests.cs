using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Layers;

public sealed class LayerResultTests
{
    private static readonly OutputShape Shape = new(null, 4);
    private static readonly WeightTensor Kernel = new("kernel", new TensorShape(5, 4));

    [Fact]
    public void Constructor_KeepsCopiesOfOutputsAndWeights()
    {
        OutputShape[] outputs = [Shape];
        WeightTensor[] weights = [Kernel];

        var result = new LayerResult(outputs, weights);
        outputs[0] = new OutputShape(null, 9);
        weights[0] = Kernel with { Name = "other" };

        result.Outputs.Should().Equal(Shape);
        result.Weights.Should().Equal(Kernel);
        result.MacsPerStep.Should().Be(0);
        result.Derivation.Should().BeNull();
    }

    [Fact]
    public void Constructor_NullCollections_ThrowArgumentNull()
    {
        FluentActions.Invoking(() => new LayerResult(null!, [])).Should().Throw<ArgumentNullException>().WithParameterName("outputs");
        FluentActions.Invoking(() => new LayerResult([Shape], null!)).Should().Throw<ArgumentNullException>().WithParameterName("weights");
    }

    [Fact]
    public void Constructor_NoOutputs_ThrowsArgument()
    {
        Action act = () => _ = new LayerResult([], [Kernel]);

        act.Should().Throw<ArgumentException>().WithParameterName("outputs").WithMessage("'outputs' must hold at least one shape.*");
    }

    [Fact]
    public void Constructor_NullElement_ThrowsArgument()
    {
        FluentActions.Invoking(() => new LayerResult([Shape, null!], [])).Should().Throw<ArgumentException>()
            .WithParameterName("outputs").WithMessage("'outputs' must not contain null.*");
        FluentActions.Invoking(() => new LayerResult([Shape], [null!])).Should().Throw<ArgumentException>()
            .WithParameterName("weights").WithMessage("'weights' must not contain null.*");
    }

    [Fact]
    public void MacsPerStep_ZeroOrMore_IsKept()
    {
        new LayerResult([Shape], []) { MacsPerStep = 0 }.MacsPerStep.Should().Be(0);
        new LayerResult([Shape], []) { MacsPerStep = long.MaxValue }.MacsPerStep.Should().Be(long.MaxValue);
    }

    [Fact]
    public void MacsPerStep_Negative_ThrowsOutOfRange()
    {
        Action act = () => _ = new LayerResult([Shape], []) { MacsPerStep = -1 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("macsPerStep").WithMessage("'macsPerStep' must be 0 or more; got -1.*");
    }
}
