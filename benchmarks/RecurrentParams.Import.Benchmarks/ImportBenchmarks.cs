using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RecurrentParams.Import.Onnx;

using RecurrentParams.Import.Tests.Onnx;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>
/// Summarizing a 1 GB model file (ONNX, safetensors) from its metadata, against reading the whole file — the least any
/// reader that parses the weights would have to do.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Setup"/> writes both files into a temporary folder as sparse files: the tensor bytes are holes, so the
/// files are over 1 GiB long but take almost no disk, and reading them back still returns every byte (zeros).
/// <see cref="Cleanup"/> deletes them. The ONNX file is one LSTM node (input 4096, hidden 8192, PyTorch layout W, R, B:
/// about 403 M parameters); the safetensors file is the state dict of a 4-layer <c>nn.LSTM(4096, 4096)</c>.
/// </para>
/// <para>Read the Ratio and Alloc Ratio columns per category: the goal is under 100 ms and 50 MB per summary.</para>
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ImportBenchmarks
{
    private string folder = string.Empty;
    private string onnxPath = string.Empty;
    private string safetensorsPath = string.Empty;

    /// <summary>Writes the two sparse 1 GB files.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "rp-import-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        onnxPath = Path.Combine(folder, "lstm.onnx");
        safetensorsPath = Path.Combine(folder, "lstm.safetensors");
        OnnxFiles.WriteSparseLstm(onnxPath, 4096, 8192);
        SparseFiles.WriteSafetensorsLstm(safetensorsPath, 4096, 4096, 4);
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>Reads the whole ONNX file through a 1 MiB buffer.</summary>
    /// <returns>The number of bytes read.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("onnx")]
    public long OnnxReadWholeFile() => ReadAll(onnxPath);

    /// <summary>Summarizes the ONNX file.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("onnx")]
    public long OnnxSummarize() => OnnxModelReader.ReadFile(onnxPath).Summary.TotalParams;

    /// <summary>Reads the whole safetensors file through a 1 MiB buffer.</summary>
    /// <returns>The number of bytes read.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("safetensors")]
    public long SafetensorsReadWholeFile() => ReadAll(safetensorsPath);

    /// <summary>Summarizes the safetensors file and recovers the LSTM.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    [BenchmarkCategory("safetensors")]
    public long SafetensorsSummarize() => SafetensorsReader.ReadFile(safetensorsPath).Summary.TotalParams;

    private static long ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }
}
