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
        options.Columns.Should().Equal(TorchinfoColumn.OutputSize, TorchinfoColumn.NumParams);
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
    }
}
