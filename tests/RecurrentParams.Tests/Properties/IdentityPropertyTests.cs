using System;
using System.Linq;
using CsCheck;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Properties;

/// <summary>
/// Identities that hold for every size, checked on random inputs (CsCheck, a fixed number of iterations so the suite
/// stays fast). Sizes go up to 100,000 so counts past int.MaxValue are common.
/// </summary>
public sealed class IdentityPropertyTests
{
    private const long Iterations = 2_000;

    private static readonly Gen<int> Size = Gen.Int[1, 100_000];
    private static readonly Gen<int> Small = Gen.Int[1, 64];

    [Fact]
    public void KerasLstm_IsFourTimesSimpleRnn() =>
        Gen.Select(Size, Size, Gen.Bool).Sample(
            (u, i, bias) => Params.Lstm(u, i, bias) == 4 * Params.SimpleRnn(u, i, bias),
            iter: Iterations);

    [Fact]
    public void KerasGru_ResetAfter_AddsExactlyThreeUnits() =>
        Gen.Select(Size, Size).Sample(
            (u, i) => Params.Gru(u, i, resetAfter: true) - Params.Gru(u, i, resetAfter: false) == 3L * u
                && Params.Gru(u, i, resetAfter: false) == 3 * Params.SimpleRnn(u, i),
            iter: Iterations);

    [Fact]
    public void Bidirectional_IsTwiceTheLayer() =>
        Gen.Select(Size, Size, Gen.Bool).Sample(
            (u, i, bias) => Params.Keras.Lstm(u, i, bias, bidirectional: true) == 2 * Params.Lstm(u, i, bias)
                && Params.Keras.Gru(u, i, bias, bidirectional: true) == 2 * Params.Gru(u, i, bias)
                && Params.Torch.Rnn(i, u, bias: bias, bidirectional: true) == 2 * Params.Torch.Rnn(i, u, bias: bias),
            iter: Iterations);

    [Fact]
    public void TorchMinusKeras_IsGatesTimesUnits() =>
        Gen.Select(Size, Size).Sample(
            (u, i) => Params.Torch.Rnn(i, u) - Params.SimpleRnn(u, i) == u
                && Params.Torch.Lstm(i, u) - Params.Lstm(u, i) == 4L * u
                && Params.Torch.Gru(i, u) == Params.Gru(u, i, resetAfter: true),
            iter: Iterations);

    [Fact]
    public void Count_IsStrictlyIncreasingInUnitsAndInputs() =>
        Gen.Select(Gen.Int[1, 99_999], Gen.Int[1, 99_999], Gen.Int[0, 2]).Sample(
            (u, i, cell) =>
            {
                Func<int, int, long> count = cell switch
                {
                    0 => (a, b) => Params.SimpleRnn(a, b),
                    1 => (a, b) => Params.Lstm(a, b),
                    _ => (a, b) => Params.Gru(a, b),
                };
                return count(u + 1, i) > count(u, i) && count(u, i + 1) > count(u, i);
            },
            iter: Iterations);

    [Fact]
    public void Total_IsTheSumOfWeightTensors() =>
        Gen.Select(Small, Small, Gen.Int[1, 4], Gen.Bool, Gen.Bool, Gen.Int[0, 2]).Sample(
            (h, i, layers, bidirectional, bias, cell) =>
            {
                LayerSpec spec = cell switch
                {
                    0 => LayerSpec.Torch.Rnn(i, h, layers, bias, bidirectional),
                    1 => LayerSpec.Torch.Lstm(i, h, layers, bias, bidirectional, h > 1 ? h / 2 : 0),
                    _ => LayerSpec.Torch.Gru(i, h, layers, bias, bidirectional),
                };
                return Params.Weights(spec).Sum(w => w.Count) == Params.Count(spec)
                    && Params.Explain(spec).Total == Params.Count(spec);
            },
            iter: 500);

    [Fact]
    public void TorchStack_IsTheSumOfItsLayersWithTheRightInputSizes() =>
        Gen.Select(Size, Size, Gen.Int[1, 6], Gen.Bool, Gen.Int[0, 99]).Sample(
            (h, i, layers, bidirectional, projPercent) =>
            {
                int proj = h > 1 ? h * projPercent / 100 : 0;
                int directions = bidirectional ? 2 : 1;
                int output = proj > 0 ? proj : h;
                long first = Params.Torch.Lstm(i, h, bidirectional: bidirectional, projSize: proj);
                long deeper = layers == 1 ? 0 : Params.Torch.Lstm(directions * output, h, bidirectional: bidirectional, projSize: proj);
                return Params.Torch.Lstm(i, h, layers, bidirectional: bidirectional, projSize: proj) == first + ((layers - 1) * deeper);
            },
            iter: Iterations);

    [Fact]
    public void Overflow_AlwaysThrows_NeverWraps() =>
        Gen.Select(Gen.Int[1 << 30, int.MaxValue], Gen.Int[1 << 30, int.MaxValue], Gen.Int[1, 8]).Sample(
            (h, i, layers) =>
            {
                // Exact value in 128-bit arithmetic; the library must either return it or throw.
                Int128 exact = 0;
                Int128 input = i;
                for (int k = 0; k < layers; k++)
                {
                    exact += 2 * ((4 * (((Int128)h * h) + ((Int128)h * input))) + (8 * (Int128)h));
                    input = 2 * (Int128)h;
                }

                try
                {
                    long actual = Params.Torch.Lstm(i, h, layers, bidirectional: true);
                    return actual == exact;
                }
                catch (OverflowException)
                {
                    return exact > long.MaxValue;
                }
            },
            iter: Iterations);

    [Fact]
    public void Keras_ExactValue_MatchesWideArithmetic() =>
        Gen.Select(Gen.Int[1, int.MaxValue], Gen.Int[1, int.MaxValue]).Sample(
            (u, i) =>
            {
                Int128 exact = ((Int128)u * u) + ((Int128)u * i) + u;
                try
                {
                    return Params.SimpleRnn(u, i) == exact;
                }
                catch (OverflowException)
                {
                    return exact > long.MaxValue;
                }
            },
            iter: Iterations);

    [Fact]
    public void Sanity_TheOverflowPropertyReachesBothOutcomes()
    {
        // Guards the property above against testing only one branch.
        FluentActions.Invoking(() => Params.Torch.Lstm(1 << 30, 1 << 30, 8, bidirectional: true)).Should().Throw<OverflowException>();
        Params.Torch.Lstm(1 << 30, 1 << 28).Should().BeGreaterThan(int.MaxValue);
    }
}
