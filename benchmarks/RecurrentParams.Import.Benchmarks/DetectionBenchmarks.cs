using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Tests;
using RecurrentParams.Import.Torch;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>
/// What detecting the format costs: <see cref="ModelFile.Read"/> (sniff the first bytes, then the format's reader)
/// against calling that reader directly, on the same small committed fixtures read from memory.
/// </summary>
/// <remarks>
/// Each category is one file; its baseline is the format's own reader. The Ratio column is the price of not knowing the
/// format: the goal is within a few percent and a few hundred bytes of allocation (the sniffed head is replayed, never
/// read twice).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DetectionBenchmarks
{
    private byte[] kerasJson = [];
    private byte[] safetensors = [];
    private byte[] onnx = [];
    private byte[] torch = [];

    /// <summary>Loads the four fixtures into memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string fixtures = Repository.PathOf("tests", "RecurrentParams.Import.Tests", "Fixtures");
        kerasJson = File.ReadAllBytes(Path.Combine(fixtures, "keras3", "seq-emb-bilstm-bilstm-lstm.json"));
        safetensors = File.ReadAllBytes(Path.Combine(fixtures, "safetensors", "gru-bidir-2layers-nobias.safetensors"));
        onnx = File.ReadAllBytes(Path.Combine(fixtures, "onnx", "emb-lstm-linear.onnx"));
        torch = File.ReadAllBytes(Path.Combine(fixtures, "torch", "checkpoint-wrapped.pt"));
    }

    /// <summary>Keras JSON through its reader.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("keras-json")]
    public long KerasJsonReader() => KerasModelReader.Read(new MemoryStream(kerasJson)).Summary.TotalParams;

    /// <summary>Keras JSON through <see cref="ModelFile"/>.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("keras-json")]
    public long KerasJsonDetected() => ModelFile.Read(new MemoryStream(kerasJson)).Summary.TotalParams;

    /// <summary>safetensors through its reader.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("safetensors")]
    public long SafetensorsReaderDirect() => SafetensorsReader.Read(new MemoryStream(safetensors)).Summary.TotalParams;

    /// <summary>safetensors through <see cref="ModelFile"/>.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("safetensors")]
    public long SafetensorsDetected() => ModelFile.Read(new MemoryStream(safetensors)).Summary.TotalParams;

    /// <summary>ONNX through its reader.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("onnx")]
    public long OnnxReaderDirect() => OnnxModelReader.Read(new MemoryStream(onnx)).Summary.TotalParams;

    /// <summary>ONNX through <see cref="ModelFile"/>.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("onnx")]
    public long OnnxDetected() => ModelFile.Read(new MemoryStream(onnx)).Summary.TotalParams;

    /// <summary>A wrapped PyTorch checkpoint through its reader.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("torch")]
    public long TorchReaderDirect() => TorchCheckpointReader.Read(new MemoryStream(torch)).Summary.TotalParams;

    /// <summary>A wrapped PyTorch checkpoint through <see cref="ModelFile"/>.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("torch")]
    public long TorchDetected() => ModelFile.Read(new MemoryStream(torch)).Summary.TotalParams;
}
