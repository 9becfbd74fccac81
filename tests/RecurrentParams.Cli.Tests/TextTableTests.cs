using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class TextTableTests
{
    [Fact]
    public void ToText_PadsColumnsAlignsNumbersAndTrimsLineEnds()
    {
        var table = new TextTable("Name", ">Count", "Note").Add("a", "1", string.Empty).Add("longer", "1,000", "x");

        table.ToText(colour: false).Should().Be("Name    Count  Note\na           1\nlonger  1,000  x\n");
    }

    [Fact]
    public void ToText_Colour_MakesTheHeaderBoldAndHighlightedRowsRed()
    {
        var table = new TextTable("A", ">B").Add(highlight: true, "x", "1").Add("y", "2");

        table.ToText(colour: true).Should().Be("\u001b[1mA  B\u001b[0m\n\u001b[31mx  1\u001b[0m\ny  2\n");
        table.ToText(colour: false).Should().Be("A  B\nx  1\ny  2\n");
    }

    [Fact]
    public void ToText_NoRows_PrintsTheHeader()
    {
        new TextTable("Weight", ">Params").ToText(colour: false).Should().Be("Weight  Params\n");
        new TextTable("Weight", ">Params").ToMarkdown().Should().Be("| Weight | Params |\n| :----- | -----: |\n");
    }

    [Fact]
    public void ToMarkdown_EscapesPipesAndMarksAlignment()
    {
        var table = new TextTable("File", ">N").Add("a|b", "1");

        table.ToMarkdown().Should().Be("| File |   N |\n| :--- | --: |\n| a\\|b |   1 |\n");
    }

    [Fact]
    public void Add_WrongNumberOfCells_Throws()
    {
        FluentActions.Invoking(() => new TextTable("A", "B").Add("only one")).Should().Throw<ArgumentException>().WithParameterName("cells");
    }
}
