using BenchmarkDotNet.Attributes;
using RecurrentParams.Keras;

namespace RecurrentParams.Benchmarks;

/// <summary>Rendering a built summary of 10, 100 and 1,000 layers in each format, against the Keras 2 text.</summary>
/// <remarks>Same model as <see cref="ModelBenchmarks"/>; the summary is built once in setup. Divide by <see cref="Layers"/> for the cost per row.</remarks>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private ModelSummary summary = null!;

    /// <summary>Gets or sets the number of layers in the model.</summary>
    /// <value>10, 100 or 1,000.</value>
    [Params(10, 100, 1000)]
    public int Layers { get; set; }

    /// <summary>Builds the summary once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = new KerasModelBuilder("bench").Input(timeSteps: 20, features: 64);
        for (int k = 0; k < Layers; k++)
        {
            _ = (k % 4) switch
            {
                0 => builder.Add(new Recurrent(CellType.Lstm, 64, returnSequences: true)),
                1 => builder.Dropout(0.1),
                2 => builder.Dense(64),
                _ => builder.BatchNormalization(),
            };
        }

        summary = builder.Build();
    }

    /// <summary>The baseline: Keras 2's fixed-width text, the simplest format.</summary>
    /// <returns>The text.</returns>
    [Benchmark(Baseline = true)]
    public string Keras2() => summary.Render(SummaryFormat.Keras2);

    /// <summary>Keras 3's box table (column widths measured over every row, long cells wrapped).</summary>
    /// <returns>The text.</returns>
    [Benchmark]
    public string Keras3() => summary.Render(SummaryFormat.Keras3);

    /// <summary>torchinfo's text, with its mult-adds and sizes.</summary>
    /// <returns>The text.</returns>
    [Benchmark]
    public string Torchinfo() => summary.Render(SummaryFormat.Torchinfo);

    /// <summary>A Markdown table.</summary>
    /// <returns>The text.</returns>
    [Benchmark]
    public string Markdown() => summary.Render(SummaryFormat.Markdown);

    /// <summary>Indented JSON with every weight tensor and derivation.</summary>
    /// <returns>The text.</returns>
    [Benchmark]
    public string Json() => summary.Render(SummaryFormat.Json);
}
