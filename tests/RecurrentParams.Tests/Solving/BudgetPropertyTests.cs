using System;
using CsCheck;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Solving;

/// <summary>
/// The solver's defining property over wide ranges (sizes up to int.MaxValue, budgets up to long.MaxValue): the answer
/// fits and the next size does not (or overflows a long, or is past int.MaxValue), checked against the library's own
/// checked counts, which never share code with the closed form's integer test.
/// </summary>
public sealed class BudgetPropertyTests
{
    private const long Iterations = 5_000;

    private static readonly Gen<int> Size = Gen.OneOf(Gen.Int[1, 1_000], Gen.Int[1, 1_000_000], Gen.Int[1, int.MaxValue], Gen.Const(int.MaxValue));
    private static readonly Gen<long> Budget = Gen.OneOf(Gen.Long[0, 10_000_000], Gen.Long[0, long.MaxValue], Gen.Const(long.MaxValue), Gen.Long[long.MaxValue - 1_000_000_000, long.MaxValue]);
    private static readonly Gen<int> Cell = Gen.Int[0, 4];

    [Fact]
    public void KerasMaxUnits_AnswerFits_NextDoesNot() =>
        Gen.Select(Cell, Size, Budget, Gen.Bool, Gen.Bool, Gen.Bool).Sample(
            (cell, inputSize, budget, useBias, resetAfter, bidirectional) =>
            {
                CellType cellType = KerasCell(cell);
                bool cuDnn = cell >= 3;
                bool bias = useBias || cuDnn;
                bool reset = resetAfter || cellType != CellType.Gru;
                int units = Params.Keras.MaxUnits(cellType, inputSize, budget, bias, reset, bidirectional);
                long? Count(long u) => u > int.MaxValue ? null : TryCount(() => KerasCount(cellType, (int)u, inputSize, bias, reset, bidirectional));
                return Verdict(units, 1, budget, Count);
            },
            iter: Iterations);

    [Fact]
    public void TorchMaxHiddenSize_AnswerFits_NextDoesNot() =>
        Gen.Select(Gen.Int[0, 2], Size, Budget, Gen.OneOf(Gen.Int[1, 4], Gen.Int[1, int.MaxValue]), Gen.Bool, Gen.Bool, Gen.OneOf(Gen.Const(0), Gen.Int[0, 64], Gen.Int[0, int.MaxValue - 1])).Sample(
            (cell, inputSize, budget, numLayers, bias, bidirectional, projection) =>
            {
                CellType cellType = cell == 0 ? CellType.SimpleRnn : cell == 1 ? CellType.Lstm : CellType.Gru;
                int projSize = cellType == CellType.Lstm ? projection : 0;
                int hidden = Params.Torch.MaxHiddenSize(cellType, inputSize, budget, numLayers, bias, bidirectional, projSize);
                long? Count(long h) => h > int.MaxValue ? null : TryCount(() => TorchCount(cellType, inputSize, (int)h, numLayers, bias, bidirectional, projSize));
                return Verdict(hidden, projSize + 1, budget, Count);
            },
            iter: Iterations);

    [Fact]
    public void MaxUnits_Spec_AgreesWithTheFrontDoors() =>
        Gen.Select(Gen.Int[0, 2], Size, Budget, Gen.Bool).Sample(
            (cell, inputSize, budget, bidirectional) =>
            {
                CellType cellType = cell == 0 ? CellType.SimpleRnn : cell == 1 ? CellType.Lstm : CellType.Gru;
                var keras = new LayerSpec(cellType, 1, inputSize) { Bidirectional = bidirectional };
                var torch = keras with { Convention = Convention.Torch, NumLayers = 2 };
                return Params.MaxUnits(keras, budget) == Params.Keras.MaxUnits(cellType, inputSize, budget, bidirectional: bidirectional)
                    && Params.MaxUnits(torch, budget) == Params.Torch.MaxHiddenSize(cellType, inputSize, budget, 2, bidirectional: bidirectional);
            },
            iter: Iterations);

    [Fact]
    public void MatchUnits_BracketsTheCount() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[1, 100_000], Gen.Int[1, 100_000]).Sample(
            (from, to, units, inputSize) =>
            {
                CellType source = from == 0 ? CellType.SimpleRnn : from == 1 ? CellType.Lstm : CellType.Gru;
                CellType target = to == 0 ? CellType.SimpleRnn : to == 1 ? CellType.Lstm : CellType.Gru;
                UnitsMatch match = Params.MatchUnits(new LayerSpec(source, units, inputSize), target);
                bool below = match.Below is null || (match.BelowCount <= match.Count && Params.Count(match.Below) == match.BelowCount);
                bool above = match.Above is not null && match.AboveCount >= match.Count && Params.Count(match.Above) == match.AboveCount;
                bool adjacent = match.IsExact || match.Below is null || match.Above!.Units == match.Below.Units + 1;
                return below && above && adjacent;
            },
            iter: Iterations);

    [Fact]
    public void Verdict_RejectsAWrongAnswer()
    {
        // The property is not vacuous: one unit too many, or too few, fails it.
        long? Count(long u) => 4 * ((u * u) + (5 * u) + u);

        Verdict(4, 1, 160, Count).Should().BeTrue();
        Verdict(5, 1, 160, Count).Should().BeFalse();
        Verdict(3, 1, 160, Count).Should().BeFalse();
        Verdict(0, 1, 160, Count).Should().BeFalse();
        Verdict(0, 1, 27, Count).Should().BeTrue();
    }

    private static bool Verdict(int answer, int min, long budget, Func<long, long?> count)
    {
        if (answer == 0)
        {
            return count(min) is not long smallest || smallest > budget;
        }

        bool fits = answer >= min && count(answer) is long c && c <= budget;
        bool nextDoesNot = count((long)answer + 1) is not long next || next > budget;
        return fits && nextDoesNot;
    }

    private static long? TryCount(Func<long> count)
    {
        try
        {
            return count();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static CellType KerasCell(int cell) => cell switch
    {
        0 => CellType.SimpleRnn,
        1 => CellType.Lstm,
        2 => CellType.Gru,
        3 => CellType.CuDnnLstm,
        _ => CellType.CuDnnGru,
    };

    private static long KerasCount(CellType cellType, int units, int inputSize, bool useBias, bool resetAfter, bool bidirectional)
    {
        if (cellType == CellType.SimpleRnn)
        {
            return Params.Keras.SimpleRnn(units, inputSize, useBias, bidirectional);
        }

        if (cellType == CellType.Lstm)
        {
            return Params.Keras.Lstm(units, inputSize, useBias, bidirectional);
        }

        if (cellType == CellType.Gru)
        {
            return Params.Keras.Gru(units, inputSize, useBias, resetAfter, bidirectional);
        }

        return cellType == CellType.CuDnnLstm ? Params.Keras.CuDnnLstm(units, inputSize, bidirectional) : Params.Keras.CuDnnGru(units, inputSize, bidirectional);
    }

    private static long TorchCount(CellType cellType, int inputSize, int hidden, int numLayers, bool bias, bool bidirectional, int projSize)
    {
        if (cellType == CellType.SimpleRnn)
        {
            return Params.Torch.Rnn(inputSize, hidden, numLayers, bias, bidirectional);
        }

        return cellType == CellType.Lstm
            ? Params.Torch.Lstm(inputSize, hidden, numLayers, bias, bidirectional, projSize)
            : Params.Torch.Gru(inputSize, hidden, numLayers, bias, bidirectional);
    }
}
