using System;

namespace RecurrentParams.Internal;

/// <summary>
/// Inverts the count of a built-in recurrent layer: the largest size whose count fits a budget, in closed form.
/// </summary>
/// <remarks>
/// <para>
/// For every built-in cell the count of a stack is <c>a·u² + b·u</c> with <c>a, b ≥ 0</c> (see
/// <see cref="GateArithmetic.Stack"/>): with no projection, per direction, the first layer is
/// <c>G·(u² + i·u + β·u)</c> and each deeper layer <c>G·((1 + d)·u² + β·u)</c>, so
/// <c>a = d·G·(1 + (L − 1)(1 + d))</c> and <c>b = d·G·(i + L·β)</c>; with an LSTM projection <c>p</c> the recurrent
/// width is <c>p</c>, every term is linear in <c>u</c>, and <c>a = 0</c>.
/// </para>
/// <para>
/// The root of <c>a·u² + b·u = budget</c> is estimated in floating point and then corrected with an exact integer test
/// (<see cref="Fits"/>) that never overflows, so the answer is exact for every <see cref="int"/> size and every
/// <see cref="long"/> budget; the correction takes a step or two, whatever the size.
/// </para>
/// </remarks>
internal static class BudgetSolver
{
    /// <summary>Computes the coefficients of <c>count(u) = a·u² + b·u</c> for a stack of gated blocks.</summary>
    /// <returns><see langword="false"/> when a coefficient does not fit in a <see cref="long"/>: then even one unit exceeds every budget.</returns>
    public static bool TryCoefficients(long gates, long inputSize, long numLayers, long directions, long biasVectors, long projSize, out long a, out long b)
    {
        try
        {
            if (projSize == 0)
            {
                a = checked(directions * gates * (1 + ((numLayers - 1) * (1 + directions))));
                b = checked(directions * gates * (inputSize + (numLayers * biasVectors)));
            }
            else
            {
                long first = checked((gates * (projSize + inputSize + biasVectors)) + projSize);
                long deeper = checked((gates * ((projSize * (1 + directions)) + biasVectors)) + projSize);
                a = 0;
                b = checked(directions * (first + ((numLayers - 1) * deeper)));
            }

            return true;
        }
        catch (OverflowException)
        {
            a = 0;
            b = 0;
            return false;
        }
    }

    /// <summary>Tells exactly whether <c>a·u² + b·u ≤ budget</c>, without overflow.</summary>
    /// <param name="a">The quadratic coefficient, 0 or more.</param>
    /// <param name="b">The linear coefficient, 0 or more.</param>
    /// <param name="u">The size, at least 1.</param>
    /// <param name="budget">The budget, 0 or more.</param>
    /// <returns>Whether the count at <paramref name="u"/> is at most <paramref name="budget"/>.</returns>
    public static bool Fits(long a, long b, long u, long budget)
    {
        // u·(a·u + b) ≤ M  ⟺  a·u + b ≤ ⌊M / u⌋  (all integers, u > 0)  ⟺  a·u ≤ ⌊M / u⌋ − b  ⟺  u ≤ ⌊(⌊M / u⌋ − b) / a⌋.
        long quotient = budget / u;
        if (b > quotient)
        {
            return false;
        }

        return a == 0 || u <= (quotient - b) / a;
    }

    /// <summary>Tells exactly whether <c>a·u² + b·u ≤ budget</c>: with three multiplications when the count is far from overflowing, else by <see cref="Fits"/>.</summary>
    /// <param name="a">The quadratic coefficient, 0 or more.</param>
    /// <param name="b">The linear coefficient, 0 or more.</param>
    /// <param name="u">The size, at least 1.</param>
    /// <param name="budget">The budget, 0 or more.</param>
    /// <returns>Whether the count at <paramref name="u"/> is at most <paramref name="budget"/>.</returns>
    public static bool FitsFast(long a, long b, long u, long budget)
    {
        // Below 2^61 in floating point (relative error < 2^-50) the exact count is below 2^62: no overflow.
        double approximate = ((a * (double)u) + b) * u;
        return approximate < 2.305843009213694E18 ? ((a * u) + b) * u <= budget : Fits(a, b, u, budget);
    }

    /// <summary>Finds the largest <c>u</c> in [<paramref name="min"/>, <see cref="int.MaxValue"/>] with <c>a·u² + b·u ≤ budget</c>.</summary>
    /// <param name="a">The quadratic coefficient, 0 or more.</param>
    /// <param name="b">The linear coefficient, 0 or more; <paramref name="a"/> + <paramref name="b"/> is positive.</param>
    /// <param name="budget">The budget, 0 or more.</param>
    /// <param name="min">The smallest allowed size, at least 1.</param>
    /// <returns>The largest fitting size, or 0 when <paramref name="min"/> does not fit.</returns>
    public static int Solve(long a, long b, long budget, int min)
    {
        long u = Math.Max(min, Math.Min(int.MaxValue, Estimate(a, b, budget)));
        while (u < int.MaxValue && FitsFast(a, b, u + 1, budget))
        {
            u++;
        }

        while (u >= min && !FitsFast(a, b, u, budget))
        {
            u--;
        }

        return u < min ? 0 : (int)u;
    }

    /// <summary>Finds the largest size in [<paramref name="min"/>, <paramref name="max"/>] that a monotone predicate accepts.</summary>
    /// <param name="fits">Whether a size fits; <see langword="true"/> up to some size and <see langword="false"/> after it.</param>
    /// <param name="min">The smallest size tried, at least 1.</param>
    /// <param name="max">The largest size tried, at least <paramref name="min"/>.</param>
    /// <returns>The largest accepted size, or 0 when <paramref name="min"/> is refused; about 2·log₂(answer) calls.</returns>
    public static int Search(Func<int, bool> fits, int min, int max)
    {
        if (!fits(min))
        {
            return 0;
        }

        // Gallop up from min (1, 2, 4, ... steps) until a size is refused, then bisect between the last two probes.
        long good = min;
        long step = 1;
        long bad = (long)max + 1;
        while (good < max)
        {
            long probe = Math.Min(max, good + step);
            if (!fits((int)probe))
            {
                bad = probe;
                break;
            }

            good = probe;
            step *= 2;
        }

        while (bad - good > 1)
        {
            long middle = good + ((bad - good) / 2);
            if (fits((int)middle))
            {
                good = middle;
            }
            else
            {
                bad = middle;
            }
        }

        return (int)good;
    }

    private static long Estimate(long a, long b, long budget)
    {
        double m = budget;
        if (a == 0)
        {
            return budget / b;
        }

        // The positive root of a·u² + b·u − M, written as 2M / (b + √(b² + 4aM)) to avoid cancellation when b² ≫ 4aM.
        double root = 2 * m / (b + Math.Sqrt(((double)b * b) + (4.0 * a * m)));
        return root >= int.MaxValue ? int.MaxValue : (long)root;
    }
}
