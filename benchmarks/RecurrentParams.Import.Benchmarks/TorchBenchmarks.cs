using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using RecurrentParams.Import.Tests.Torch;
using RecurrentParams.Import.Torch;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>
/// Summarizing a 1 GB PyTorch checkpoint (<c>torch.save</c> zip) from its central directory and <c>data.pkl</c>, against
/// reading the whole file — the least <c>torch.load</c> or any reader of the weights must do.
/// </summary>
/// <remarks>
/// <see cref="Setup"/> writes the state dict of a 2-layer <c>nn.LSTM(4096, 4096)</c> (float32, 268,500,992 parameters,
/// 1.07 GB) as a stored zip in torch's layout whose storage entries are holes (a sparse file); <see cref="Cleanup"/>
/// deletes it. The summary's cost does not depend on the weight bytes: it reads the end record, the directory, one
/// local header and the pickle, and checks each storage entry's size from the directory alone.
/// </remarks>
[MemoryDiagnoser]
public class TorchBenchmarks
{
    private string folder = string.Empty;
    private string checkpointPath = string.Empty;

    /// <summary>Writes the sparse 1 GB checkpoint.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "rp-torch-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        checkpointPath = Path.Combine(folder, "lstm.pt");
        TorchFiles.WriteSparseLstm(checkpointPath, 4096, 4096, 2);
    }

    /// <summary>Deletes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>Reads the whole checkpoint through a 1 MiB buffer.</summary>
    /// <returns>The number of bytes read.</returns>
    [Benchmark(Baseline = true)]
    public long TorchReadWholeFile()
    {
        using var stream = new FileStream(checkpointPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Summarizes the checkpoint and recovers the LSTM.</summary>
    /// <returns>The parameter count.</returns>
    [Benchmark]
    public long TorchSummarize() => TorchCheckpointReader.ReadFile(checkpointPath).Summary.TotalParams;
}
