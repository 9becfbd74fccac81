using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class CellTypeTests
{
    [Fact]
    public void BuiltIns_AreNamedAsKerasClasses()
    {
        CellType.SimpleRnn.Name.Should().Be("SimpleRNN");
        CellType.Lstm.ToString().Should().Be("LSTM");
        CellType.Gru.Name.Should().Be("GRU");
    }

    [Fact]
    public void Equality_IsOrdinalByName()
    {
        (new CellType("LSTM") == CellType.Lstm).Should().BeTrue();
        (new CellType("lstm") != CellType.Lstm).Should().BeTrue();
        CellType.Lstm.Equals((object)new CellType("LSTM")).Should().BeTrue();
        CellType.Lstm.Equals(null).Should().BeFalse();
        new CellType("IndRNN").GetHashCode().Should().Be(new CellType("IndRNN").GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1LSTM")]
    [InlineData("my cell")]
    [InlineData("Peephole-LSTM")]
    [InlineData("_x")]
    public void Constructor_BadName_Throws(string name)
    {
        FluentActions.Invoking(() => new CellType(name)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "name");
    }

    [Fact]
    public void Constructor_NullName_Throws()
    {
        FluentActions.Invoking(() => new CellType(null!)).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("IndRNN")]
    [InlineData("Peephole_LSTM2")]
    public void Constructor_IdentifierName_IsAccepted(string name)
    {
        new CellType(name).Name.Should().Be(name);
    }
}
