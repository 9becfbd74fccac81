using BenchmarkDotNet.Attributes;
using RecurrentParams.Formulas;

namespace RecurrentParams.Benchmarks;

/// <summary>
/// The cost of counting an LSTM's parameters through each public path of the library, against the same
/// arithmetic written inline.
/// </summary>
/// <remarks>
/// <para>
/// One count is a handful of multiplications, well under a nanosecond: below what BenchmarkDotNet can tell apart from
/// its own call overhead, so a ratio to a single inline evaluation would be noise (or <c>?</c>). Each benchmark
/// therefore counts a batch of <see cref="BatchSize"/> layers, one per input size in <see cref="inputSizes"/>, and
/// declares <see cref="BenchmarkAttribute.OperationsPerInvoke"/> so that the reported times are per count.
/// </para>
/// <para>
/// The sizes are data the JIT cannot see: <see cref="Units"/> is set by BenchmarkDotNet and the input sizes and
/// specs are built in <see cref="Setup"/>, so no count is folded into a constant or hoisted out of the loop. Every
/// benchmark returns what it computed (the sum of the counts, or the formula it looked up) so that no work is dead.
/// </para>
/// <para>
/// Read the <c>Ratio</c> column against <see cref="InlineArithmetic"/> and the <c>Allocated</c> / <c>Alloc Ratio</c>
/// columns from <see cref="MemoryDiagnoserAttribute"/>: the fixed-cell facade (<see cref="Params.Lstm"/>) should stay
/// within 1.5× of the baseline and allocate nothing.
/// </para>
/// </remarks>
[MemoryDiagnoser]
public class FormulaBenchmarks
{
    /// <summary>The number of layers each benchmark invocation counts.</summary>
    public const int BatchSize = 64;

    private int[] inputSizes = [];
    private LayerSpec[] specs = [];
    private IParameterFormula formula = null!;

    /// <summary>Gets or sets the number of units (PyTorch <c>hidden_size</c>) of every counted layer.</summary>
    /// <value>4 (a toy layer) or 512 (a typical production layer).</value>
    [Params(4, 512)]
    public int Units { get; set; }

    /// <summary>Builds the input sizes (16, 24, ..., 520), one Keras LSTM spec per size, and looks the LSTM formula up once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        inputSizes = new int[BatchSize];
        specs = new LayerSpec[BatchSize];
        for (int k = 0; k < BatchSize; k++)
        {
            inputSizes[k] = 16 + (8 * k);
            specs[k] = LayerSpec.Keras.Lstm(Units, inputSizes[k]);
        }

        formula = FormulaRegistry.Default.Get(CellType.Lstm);
    }

    /// <summary>The baseline: the Keras LSTM count <c>4 × (u·u + u·i + u)</c> written inline, in checked arithmetic like the library.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public long InlineArithmetic()
    {
        int u = Units;
        long sum = 0;
        foreach (int i in inputSizes)
        {
            sum += checked(4L * (((long)u * u) + ((long)u * i) + u));
        }

        return sum;
    }

    /// <summary>The fixed-cell facade <see cref="Params.Lstm"/>: two argument checks and the shared gate arithmetic.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
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

    /// <summary>The PyTorch facade for a 2-layer bidirectional <c>nn.LSTM</c>: two block sizes (the second layer's input is 2u) times two directions.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long ParamsTorchLstm()
    {
        int u = Units;
        long sum = 0;
        foreach (int i in inputSizes)
        {
            sum += Params.Torch.Lstm(i, u, numLayers: 2, bidirectional: true);
        }

        return sum;
    }

    /// <summary>A formula looked up once counts specs built once: spec validation and the gate arithmetic, through an interface call.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long FormulaCountParameters()
    {
        IParameterFormula lstm = formula;
        long sum = 0;
        foreach (LayerSpec spec in specs)
        {
            sum += lstm.CountParameters(spec);
        }

        return sum;
    }

    /// <summary>The registry lookup alone: <see cref="FormulaRegistry.Get"/> for <see cref="CellType.Lstm"/> on <see cref="FormulaRegistry.Default"/>.</summary>
    /// <returns>The formula of the last lookup.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public IParameterFormula RegistryGet()
    {
        IParameterFormula found = formula;
        for (int k = 0; k < BatchSize; k++)
        {
            found = FormulaRegistry.Default.Get(CellType.Lstm);
        }

        return found;
    }

    /// <summary>The general front door <see cref="Params.Count"/>: registry lookup by the spec's cell type, then the formula's count.</summary>
    /// <returns>The sum of the counts.</returns>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long ParamsCount()
    {
        long sum = 0;
        foreach (LayerSpec spec in specs)
        {
            sum += Params.Count(spec);
        }

        return sum;
    }
}
