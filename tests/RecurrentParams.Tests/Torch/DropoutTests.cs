using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class DropoutTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Constructor_ClosedUnitInterval_IsAccepted(double p)
    {
        new Dropout(p).P.Should().Be(p);
    }

    [Fact]
    public void Constructor_Default_IsOneHalf()
    {
        new Dropout().P.Should().Be(0.5);
        new Dropout().ClassName.Should().Be("Dropout");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_OutsideZeroToOne_ThrowsOutOfRange(double value)
    {
        Action act = () => _ = new Dropout(value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p").WithMessage("'p' must be in [0, 1]*");
    }

    [Fact]
    public void Build_PassesTheShapeThrough()
    {
        LayerResult result = new Dropout().Build(new LayerContext(new OutputShape(1, 7, 5), "dropout", Convention.Torch, null));

        result.Outputs.Single().Should().Be(new OutputShape(1, 7, 5));
        result.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Dropout().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
