using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

public sealed class NamedTensorTests
{
    [Fact]
    public void Constructor_CopiesTheValues()
    {
        float[] values = [1, 2, 3, 4, 5, 6];
        var tensor = new NamedTensor("dense/kernel", new TensorShape(2, 3), values);
        values[0] = 99;

        tensor.Values.ToArray().Should().Equal(1, 2, 3, 4, 5, 6);
        tensor.Name.Should().Be("dense/kernel");
        tensor.Shape.Should().Be(new TensorShape(2, 3));
        tensor.ToString().Should().Be("dense/kernel (2, 3)");
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => new NamedTensor(null!, new TensorShape(1), [1])).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new NamedTensor(string.Empty, new TensorShape(1), [1])).Should().Throw<ArgumentException>().WithParameterName("name");
        FluentActions.Invoking(() => new NamedTensor("x", null!, [1])).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        FluentActions.Invoking(() => new NamedTensor("x", new TensorShape(1), null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => new NamedTensor("x", new TensorShape(2, 2), [1, 2, 3])).Should().Throw<ArgumentException>()
            .WithParameterName("values").WithMessage("'values' must hold the 4 elements of shape (2, 2); got 3.*");
    }
}
