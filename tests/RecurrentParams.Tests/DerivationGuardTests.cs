using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// The argument checks of <see cref="Derivation"/> and <see cref="DerivationTerm"/>, with their messages; extends
/// <c>DerivationTests</c>, which this change does not edit.
/// </summary>
public sealed class DerivationGuardTests
{
    private static readonly DerivationTerm Term = new("x", ["1"], 1);

    [Fact]
    public void Derivation_EmptySubject_ThrowsSayingSo()
    {
        Action act = () => _ = new Derivation(string.Empty, [Term]);

        act.Should().Throw<ArgumentException>().WithParameterName("subject").WithMessage("'subject' must not be empty.*");
    }

    [Fact]
    public void Derivation_NoTerms_ThrowsSayingSo()
    {
        Action act = () => _ = new Derivation("s", []);

        act.Should().Throw<ArgumentException>().WithParameterName("terms").WithMessage("'terms' must hold at least one term.*");
    }

    [Fact]
    public void Derivation_NullArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new Derivation(null!, [Term])).Should().Throw<ArgumentNullException>().WithParameterName("subject");
        FluentActions.Invoking(() => new Derivation("s", null!)).Should().Throw<ArgumentNullException>().WithParameterName("terms");
        FluentActions.Invoking(() => new Derivation("s", [Term, null!])).Should().Throw<ArgumentNullException>().WithParameterName("terms");
    }

    [Fact]
    public void Derivation_TotalAtLongMaxValue_IsExact()
    {
        var derivation = new Derivation("s", [new DerivationTerm("a", ["a"], long.MaxValue - 1), Term]);

        derivation.Total.Should().Be(long.MaxValue);
    }

    [Fact]
    public void Term_ZeroValue_IsAccepted()
    {
        // A layer without bias and zero-sized weights counts 0; 0 is a valid term.
        var term = new DerivationTerm("bias", ["0·4"], 0);

        term.Value.Should().Be(0);
        term.ToString().Should().Be("0·4 = 0");
    }

    [Fact]
    public void Term_NegativeValue_ThrowsWithTheValue()
    {
        Action act = () => _ = new DerivationTerm("x", ["1"], -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("value").WithMessage("'value' must be 0 or more; got -1.*");
    }

    [Fact]
    public void Term_NoSteps_ThrowsSayingSo()
    {
        Action act = () => _ = new DerivationTerm("x", [], 1);

        act.Should().Throw<ArgumentException>().WithParameterName("steps").WithMessage("'steps' must hold at least one expression.*");
    }

    [Fact]
    public void Term_NullArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new DerivationTerm(null!, ["1"], 1)).Should().Throw<ArgumentNullException>().WithParameterName("label");
        FluentActions.Invoking(() => new DerivationTerm("x", null!, 1)).Should().Throw<ArgumentNullException>().WithParameterName("steps");
        FluentActions.Invoking(() => new DerivationTerm("x", ["1", null!], 1)).Should().Throw<ArgumentNullException>().WithParameterName("steps");
    }
}
