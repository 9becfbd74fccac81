using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// The edges of <see cref="CellType"/>'s name rule (ASCII letter first, then ASCII letters, digits and underscores);
/// extends <c>CellTypeTests</c>, which this change does not edit.
/// </summary>
public sealed class CellTypeNameRuleTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("z")]
    [InlineData("A")]
    [InlineData("Z")]
    [InlineData("a0")]
    [InlineData("a9")]
    [InlineData("a_")]
    public void Constructor_CharactersAtTheEdgesOfTheRule_AreAccepted(string name)
    {
        var cellType = new CellType(name);

        cellType.Name.Should().Be(name);
    }

    [Theory]
    [InlineData("`")] // just before 'a'
    [InlineData("{")] // just after 'z'
    [InlineData("@")] // just before 'A'
    [InlineData("[")] // just after 'Z'
    [InlineData("a/")] // just before '0'
    [InlineData("a:")] // just after '9'
    [InlineData("aé")] // a letter, but not ASCII
    public void Constructor_CharactersJustOutsideTheRule_AreRejectedQuotingTheName(string value)
    {
        Action act = () => _ = new CellType(value);

        act.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage(
            "'name' must start with an ASCII letter and contain only ASCII letters, digits and underscores; got \"" + value + "\".*");
    }

    [Fact]
    public void Constructor_NullName_NamesTheArgument()
    {
        Action act = () => _ = new CellType(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("name");
    }
}
