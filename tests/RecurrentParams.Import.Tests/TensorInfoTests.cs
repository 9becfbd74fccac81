using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class TensorInfoTests
{
    [Fact]
    public void Equals_SameNameTypeAndShape_IsTrue()
    {
        var a = new TensorInfo("lstm.weight_ih_l0", "F32", new TensorShape(16, 5));
        var b = new TensorInfo("lstm.weight_ih_l0", "F32", new TensorShape(16, 5));

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Equals((object)b).Should().BeTrue();
        a.Should().NotBe(new TensorInfo("lstm.weight_ih_l0", "F16", new TensorShape(16, 5)));
        a.ElementCount.Should().Be(80);
        a.ToString().Should().Be("lstm.weight_ih_l0 F32 (16, 5)");
        a.Equals((TensorInfo?)null).Should().BeFalse();
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Action name = () => _ = new TensorInfo(null!, "F32", new TensorShape());
        Action type = () => _ = new TensorInfo("a", null!, new TensorShape());
        Action shape = () => _ = new TensorInfo("a", "F32", null!);

        name.Should().Throw<ArgumentNullException>().WithParameterName("name");
        type.Should().Throw<ArgumentNullException>().WithParameterName("dataType");
        shape.Should().Throw<ArgumentNullException>().WithParameterName("shape");
    }
}
