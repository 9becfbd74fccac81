using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

/// <summary>
/// <see cref="WeightTensor"/>'s argument checks through both constructors and <c>with</c>, with their messages;
/// extends <c>WeightTensorTests</c>, which this change does not edit.
/// </summary>
public sealed class WeightTensorGuardTests
{
    private static readonly TensorShape Shape = new(5, 4);

    [Theory]
    [InlineData("", "kernel", "name")]
    [InlineData("kernel", "", "path")]
    public void Constructor_EmptyText_ThrowsSayingWhichIsEmpty(string name, string path, string paramName)
    {
        Action act = () => _ = new WeightTensor(name, path, Shape);

        act.Should().Throw<ArgumentException>().WithParameterName(paramName).WithMessage("'" + paramName + "' must not be empty.*");
    }

    [Fact]
    public void Constructor_NullArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new WeightTensor(null!, "p", Shape)).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new WeightTensor("n", null!, Shape)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => new WeightTensor("n", "p", null!)).Should().Throw<ArgumentNullException>().WithParameterName("shape");
    }

    [Fact]
    public void With_ValidatesToo()
    {
        var weight = new WeightTensor("kernel", Shape);

        FluentActions.Invoking(() => weight with { Path = string.Empty }).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => weight with { Shape = null! }).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        (weight with { Path = "lstm_cell/kernel" }).Name.Should().Be("kernel");
    }
}
