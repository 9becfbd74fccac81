using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

public sealed class WeightTensorTests
{
    [Fact]
    public void NameOnlyConstructor_UsesTheNameAsPath()
    {
        var weight = new WeightTensor("weight_ih_l0", new TensorShape(16, 5));

        weight.Path.Should().Be("weight_ih_l0");
        weight.Count.Should().Be(80);
        weight.Trainable.Should().BeTrue();
    }

    [Fact]
    public void Equality_IsByValueIncludingShape()
    {
        var a = new WeightTensor("kernel", "lstm_cell/kernel", new TensorShape(5, 16));
        var b = new WeightTensor("kernel", "lstm_cell/kernel", new TensorShape(5, 16));

        a.Should().Be(b);
        a.Should().NotBe(a with { Trainable = false });
        a.Should().NotBe(a with { Shape = new TensorShape(16, 5) });
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var shape = new TensorShape(1);

        FluentActions.Invoking(() => new WeightTensor("", shape)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "name");
        FluentActions.Invoking(() => new WeightTensor("a", "", shape)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "path");
        FluentActions.Invoking(() => new WeightTensor(null!, shape)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new WeightTensor("a", null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ElementType_DefaultsToFloat32_AndValidates()
    {
        var weight = new WeightTensor("weight", new TensorShape(2, 2));

        weight.ElementType.Should().Be(ElementType.Float32);
        (weight with { ElementType = ElementType.BFloat16 }).Should().NotBe(weight);
        FluentActions.Invoking(() => weight with { ElementType = (ElementType)99 }).Should().Throw<ArgumentOutOfRangeException>();
    }
}
