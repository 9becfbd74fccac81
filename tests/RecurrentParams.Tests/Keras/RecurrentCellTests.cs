using System;
using FluentAssertions;
using RecurrentParams.Keras;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class RecurrentCellTests
{
    [Fact]
    public void Constructor_Defaults_AreKeras()
    {
        var cell = new RecurrentCell(CellType.Gru, 3);

        cell.CellType.Should().Be(CellType.Gru);
        cell.Units.Should().Be(3);
        cell.UseBias.Should().BeTrue();
        cell.ResetAfter.Should().BeTrue();
    }

    [Fact]
    public void Constructor_KeepsTheOptions()
    {
        var cell = new RecurrentCell(CellType.Gru, 3, useBias: false, resetAfter: false);

        cell.UseBias.Should().BeFalse();
        cell.ResetAfter.Should().BeFalse();
    }

    [Theory]
    [InlineData("LSTM", 2)]
    [InlineData("GRU", 1)]
    [InlineData("SimpleRNN", 1)]
    public void StateCount_IsTwoForLstmOnly(string cellType, int expected)
    {
        new RecurrentCell(new CellType(cellType), 4).StateCount.Should().Be(expected);
    }

    [Fact]
    public void Constructor_BadArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new RecurrentCell(null!, 4)).Should().Throw<ArgumentNullException>().WithParameterName("cellType");
        FluentActions.Invoking(() => new RecurrentCell(CellType.Lstm, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("units")
            .WithMessage("'units' must be at least 1; got 0.*");
    }
}
