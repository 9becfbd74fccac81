using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class DropoutTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Constructor_RateInHalfOpenUnitInterval_IsKept(double rate)
    {
        new Dropout(rate).Rate.Should().Be(rate);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_RateOutsideZeroToOne_ThrowsOutOfRange(double value)
    {
        Action act = () => _ = new Dropout(value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rate").WithMessage("'rate' must be in [0, 1)*");
    }

    [Fact]
    public void Build_PassesTheShapeThrough()
    {
        LayerResult result = new Dropout(0.5).Build(new LayerContext(new OutputShape(null, 7, 5), "dropout", Convention.Keras, null));

        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Dropout(0.5).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
