using System;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class DropoutTests
{
    [Fact]
    public void Constructor_Defaults_ArePyTorchs()
    {
        var dropout = new Dropout();

        (dropout.P, dropout.Inplace).Should().Be((0.5, false));
        dropout.Parameters.Should().BeEmpty();
        dropout.ToString().Should().Be("Dropout(p=0.5, inplace=False)");
        new Dropout(0.1, inplace: true).ExtraRepr.Should().Be("p=0.1, inplace=True");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Constructor_POutsideZeroOne_Throws(double p)
    {
        Action act = () => _ = new Dropout(p);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(p));
    }

    [Fact]
    public void Forward_AnyInput_ComesBackUnchanged()
    {
        Tensor packed = Tensor.PackPaddedSequence(Probe.Floats(3, 2, 4), [3, 2]);

        Probe.Run(new Dropout(), packed).Should().BeSameAs(packed);
    }
}
