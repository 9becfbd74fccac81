using BenchmarkDotNet.Attributes;

namespace RecurrentParams.Benchmarks;

/// <summary>
/// Building a model summary of 10, 100 and 1,000 layers with <see cref="ModelBuilder"/>, against summing the same
/// layers' counts with the facade; the cost per layer should stay flat as the model grows.
/// </summary>
/// <remarks>
/// The model repeats a block of four layers — <c>LSTM(64, return_sequences)</c>, <c>Dropout</c>, <c>Dense(64)</c>,
/// <c>BatchNormalization</c> — on a <c>(None, 20, 64)</c> input, so every block sees the same shapes. Divide <c>Mean</c>
/// and <c>Allocated</c> by <see cref="Layers"/> for the cost per layer.
/// </remarks>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private KerasModelBuilder builder = null!;

    /// <summary>Gets or sets the number of layers in the model.</summary>
    /// <value>10, 100 or 1,000.</value>
    [Params(10, 100, 1000)]
    public int Layers { get; set; }

    /// <summary>Prepares a builder holding <see cref="Layers"/> layers; <see cref="ModelBuilder.Build"/> does the work.</summary>
    [GlobalSetup]
    public void Setup()
    {
        builder = new KerasModelBuilder("bench").Input(timeSteps: 20, features: 64);
        for (int k = 0; k < Layers; k++)
        {
            _ = (k % 4) switch
            {
                0 => builder.Lstm(64, returnSequences: true),
                1 => builder.Dropout(0.1),
                2 => builder.Dense(64),
                _ => builder.BatchNormalization(),
            };
        }
    }

    /// <summary>The baseline: the same layers' parameter counts summed with the facade, with no shapes, names or rows.</summary>
    /// <returns>The total parameter count.</returns>
    [Benchmark(Baseline = true)]
    public long SumCounts()
    {
        long total = 0;
        for (int k = 0; k < Layers; k++)
        {
            total += (k % 4) switch
            {
                0 => Params.Lstm(64, 64),
                1 => 0,
                2 => (64L * 64) + 64,
                _ => 4L * 64,
            };
        }

        return total;
    }

    /// <summary>Builds the summary: shape inference, Keras naming, weights, derivations and totals.</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public ModelSummary Build() => builder.Build();
}
