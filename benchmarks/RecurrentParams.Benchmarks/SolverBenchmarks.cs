using BenchmarkDotNet.Attributes;

namespace RecurrentParams.Benchmarks;

/// <summary>
/// The cost of inverting a count, "the largest units whose LSTM fits a budget", against counting one LSTM.
/// </summary>
/// <remarks>
/// <para>
/// As in <see cref="FormulaBenchmarks"/>, one answer takes a few nanoseconds, so each benchmark solves a batch of
/// <see cref="BatchSize"/> problems (one per input size 16, 24, ..., 520, data the JIT cannot see) and declares
/// <see cref="BenchmarkAttribute.OperationsPerInvoke"/>: every time is per answer. The budget is the count of an LSTM
/// of <see cref="Units"/> units plus a little, so each answer is <see cref="Units"/> and the budgets grow with the inputs.
/// </para>
/// <para>
/// The baseline counts the same 64 layers with <see cref="Params.Lstm"/>. The closed form (a square root and an exact
/// integer test on each side) should stay within a small factor of it and allocate nothing; the spec path and
/// <see cref="Params.MatchUnits"/> allocate the specs they return.
/// </para>
/// </remarks>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    /// <summary>The number of problems each benchmark invocation solves.</summary>
    public const int BatchSize = 64;

    private int[] inputSizes = [];
    private long[] budgets = [];
    private LayerSpec[] specs = [];

    /// <summary>Gets or sets the units every answer comes to.</summary>
    /// <value>4 (a toy layer), 512 (a production layer) or 1,000,000 (a count near 10¹²).</value>
    [Params(4, 512, 1_000_000)]
    public int Units { get; set; }

    /// <summary>Builds the input sizes, the budgets (the count at <see cref="Units"/> plus 3) and one Keras LSTM spec per size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        inputSizes = new int[BatchSize];
        budgets = new long[BatchSize];
        specs = new LayerSpec[BatchSize];
        for (int k = 0; k < BatchSize; k++)
        {
            inputSizes[k] = 16 + (8 * k);
            budgets[k] = Params.Lstm(Units, inputSizes[k]) + 3;
            specs[k] = LayerSpec.Keras.Lstm(Units, inputSizes[k]);
        }
    }

    /// <summary>The baseline: counting the 64 LSTMs with <see cref="Params.Lstm"/>.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public long ParamsLstm()
    {
        int u = Units;
        long sum = 0;
        foreach (int i in inputSizes)
        {
            sum += Params.Lstm(u, i);
        }

        return sum;
    }

    /// <summary><see cref="Params.Keras.MaxUnits"/>: the closed form for a Keras LSTM.</summary>
    /// <returns>The sum of the answers.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long KerasMaxUnits()
    {
        long sum = 0;
        for (int k = 0; k < BatchSize; k++)
        {
            sum += Params.Keras.MaxUnits(CellType.Lstm, inputSizes[k], budgets[k]);
        }

        return sum;
    }

    /// <summary><see cref="Params.Torch.MaxHiddenSize"/> for a 2-layer bidirectional <c>nn.LSTM</c>.</summary>
    /// <returns>The sum of the answers.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long TorchMaxHiddenSize()
    {
        long sum = 0;
        for (int k = 0; k < BatchSize; k++)
        {
            sum += Params.Torch.MaxHiddenSize(CellType.Lstm, inputSizes[k], budgets[k], numLayers: 2, bidirectional: true);
        }

        return sum;
    }

    /// <summary><see cref="Params.MaxUnits"/> on a spec: the registry lookup, one validating count, then the closed form.</summary>
    /// <returns>The sum of the answers.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long SpecMaxUnits()
    {
        long sum = 0;
        for (int k = 0; k < BatchSize; k++)
        {
            sum += Params.MaxUnits(specs[k], budgets[k]);
        }

        return sum;
    }

    /// <summary><see cref="Params.MatchUnits"/>: the GRU nearest each LSTM, below and above.</summary>
    /// <returns>The sum of the units below.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long MatchUnits()
    {
        long sum = 0;
        foreach (LayerSpec spec in specs)
        {
            sum += Params.MatchUnits(spec, CellType.Gru).BelowCount;
        }

        return sum;
    }
}
