using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class BudgetTests
{
    [Fact]
    public void Check_NoLimits_NeverFails()
    {
        new Budget(null, null, ElementType.Float32).Check(long.MaxValue).Should().BeEmpty();
    }

    [Fact]
    public void Check_BytesThatOverflow_AreOverAnyByteBudget()
    {
        var budget = new Budget(null, long.MaxValue, ElementType.Float64);

        budget.Bytes(long.MaxValue / 4).Should().BeNull();
        budget.Check(long.MaxValue / 4).Should().Equal("more than 9.2e18 bytes as float64, over --max-bytes 9,223,372,036,854,775,807");
    }

    [Theory]
    [InlineData(ElementType.Float32, 4, "float32")]
    [InlineData(ElementType.Float16, 2, "float16")]
    [InlineData(ElementType.BFloat16, 2, "bfloat16")]
    [InlineData(ElementType.Int8, 1, "int8")]
    [InlineData(ElementType.Float64, 8, "float64")]
    public void Size_EachElementType_MatchesTheLibrarysByteCounts(ElementType type, int size, string name)
    {
        ModelSummary summary = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Build();

        Budget.Size(type).Should().Be(size);
        Budget.NameOf(type).Should().Be(name);
        new Budget(null, null, type).ElementTypeName.Should().Be(name);
        new Budget(null, null, type).Bytes(summary.TotalParams).Should().Be(summary.ParameterBytes(type));
    }

    [Fact]
    public void NameOf_AnElementTypeWithoutOption_FallsBackToFloat32()
    {
        Budget.NameOf(ElementType.Int64).Should().Be("float32");
    }
}
