using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class Keras3SummaryOptionsTests
{
    [Fact]
    public void New_Defaults_AreKerasDefaults()
    {
        var options = new Keras3SummaryOptions();

        options.LineLength.Should().BeNull();
        options.ShowTrainable.Should().BeFalse();
    }

    [Fact]
    public void LineLength_Zero_ThrowsArgumentOutOfRange()
    {
        var create = () => new Keras3SummaryOptions { LineLength = 0 };

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lineLength");
    }

    [Fact]
    public void LineLength_PastTheMaximum_ThrowsArgumentOutOfRange()
    {
        // A width of 2·10^8 would make every rendered line allocate 200 M characters: widths are bounded.
        var widest = new Keras3SummaryOptions { LineLength = Keras3SummaryOptions.MaxLineLength };
        var create = () => new Keras3SummaryOptions { LineLength = 200_000_000 };

        widest.LineLength.Should().Be(10_000);
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lineLength").WithMessage("*from 1 to 10000*");
    }

    [Fact]
    public void Equals_SameValues_AreEqual()
    {
        new Keras3SummaryOptions { LineLength = 80 }.Should().Be(new Keras3SummaryOptions { LineLength = 80 });
    }
}

public sealed class TorchinfoSummaryOptionsTests
{
    [Fact]
    public void New_Defaults_AreTorchinfoDefaults()
    {
        var options = new TorchinfoSummaryOptions();

        options.Verbose.Should().Be(1);
        options.Depth.Should().Be(3);
        options.ColumnWidth.Should().Be(25);
        options.RowSettings.Should().Be(TorchinfoRowSettings.Depth);
        options.Columns.Should().BeNull("torchinfo picks its columns by whether the model ran on an input");
    }

    [Fact]
    public void Depth_Negative_ThrowsArgumentOutOfRange()
    {
        var create = () => new TorchinfoSummaryOptions { Depth = -1 };

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("depth");
    }

    [Fact]
    public void ColumnWidth_BelowOne_ThrowsArgumentOutOfRange()
    {
        var create = () => new TorchinfoSummaryOptions { ColumnWidth = 0 };

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("columnWidth");
    }

    [Fact]
    public void ColumnWidth_PastTheMaximum_ThrowsArgumentOutOfRange()
    {
        var widest = new TorchinfoSummaryOptions { ColumnWidth = TorchinfoSummaryOptions.MaxColumnWidth };
        var create = () => new TorchinfoSummaryOptions { ColumnWidth = 1_001 };

        widest.ColumnWidth.Should().Be(1_000);
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("columnWidth").WithMessage("*from 1 to 1000*");
    }

    [Fact]
    public void RowSettings_UndefinedFlag_ThrowsArgumentOutOfRange()
    {
        var create = () => new TorchinfoSummaryOptions { RowSettings = (TorchinfoRowSettings)16 };

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rowSettings");
    }

    [Fact]
    public void Columns_SetBackToNull_IsTorchinfosDefault()
    {
        var options = new TorchinfoSummaryOptions { Columns = [TorchinfoColumn.MultAdds] } with { Columns = null };

        options.Should().Be(new TorchinfoSummaryOptions());
        options.GetHashCode().Should().Be(new TorchinfoSummaryOptions().GetHashCode());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Verbose_OutOfRange_ThrowsArgumentOutOfRange(int verbose)
    {
        var create = () => new TorchinfoSummaryOptions { Verbose = verbose };

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(verbose));
    }

    [Fact]
    public void Columns_Duplicate_ThrowsArgument()
    {
        var create = () => new TorchinfoSummaryOptions { Columns = [TorchinfoColumn.NumParams, TorchinfoColumn.NumParams] };

        create.Should().Throw<ArgumentException>().WithParameterName("columns");
    }

    [Fact]
    public void Columns_ArrayChangedAfterwards_DoesNotChangeOptions()
    {
        TorchinfoColumn[] columns = [TorchinfoColumn.MultAdds];
        var options = new TorchinfoSummaryOptions { Columns = columns };

        columns[0] = TorchinfoColumn.Trainable;

        options.Columns.Should().Equal(TorchinfoColumn.MultAdds);
    }

    [Fact]
    public void Equals_SameColumnsInNewArrays_AreEqual()
    {
        var a = new TorchinfoSummaryOptions { Columns = [TorchinfoColumn.MultAdds], Verbose = 2 };
        var b = new TorchinfoSummaryOptions { Columns = [TorchinfoColumn.MultAdds], Verbose = 2 };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(b with { Verbose = 0 });
        a.Should().NotBe(b with { Columns = null });
        a.Should().NotBe(b with { Depth = 2 });
        a.Should().NotBe(b with { ColumnWidth = 20 });
        a.Should().NotBe(b with { RowSettings = TorchinfoRowSettings.VarNames });
        new TorchinfoSummaryOptions().Should().NotBe(b);
    }
}
