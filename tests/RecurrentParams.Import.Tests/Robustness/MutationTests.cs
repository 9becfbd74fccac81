using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace RecurrentParams.Import.Tests.Robustness;

/// <summary>
/// Bounded random mutation of framework-generated files (fixed seeds): bytes flipped, truncated, inserted, deleted,
/// duplicated, and numbers in JSON replaced by hostile ones. Every reader must either summarize the file or throw
/// <see cref="ModelFormatException"/> — never another exception, never hang. For longer runs see tests/RecurrentParams.Import.Fuzz.
/// </summary>
public sealed class MutationTests
{
    /// <summary>400 per reader in the normal suite; set RP_MUTATIONS (and RP_MUTATION_SEED) for a longer exploratory run.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("RP_MUTATIONS"), out int n) && n > 0 ? n : 400;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RP_MUTATION_SEED"), out int s) ? s : 20261127;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    /// <summary>What one read of a mutated fixture (tens of KB) may allocate: a reader that sizes a buffer by what the file claims blows it.</summary>
    private const long AllocationBudget = 32L * 1024 * 1024;
    private static readonly string[] HostileNumbers = ["-1", "0", "2147483648", "-2147483649", "9223372036854775808", "1e308", "4.5", "null", "\"7\"", "[]", "{}"];

    private readonly ITestOutputHelper output;

    public MutationTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static TheoryData<string> Readers => new() { "keras-json", "tfjs", "keras-archive", "safetensors", "onnx", "hdf5", "keras-archive-weights" };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_MutatedFiles_OnlyEverThrowModelFormatException(string reader)
    {
        if (Environment.GetEnvironmentVariable("RP_MUTATION_READERS") is { Length: > 0 } only && !only.Split(',').Contains(reader))
        {
            return;
        }

        (Func<Stream, ImportedModel> read, string[] files, bool text) = Setup(reader);
        byte[][] originals = files.Select(f => File.ReadAllBytes(f)).ToArray();
        var random = new Random(Seed + reader.Length);
        var failures = new List<string>();
        int summarized = 0;
        int rejected = 0;
        long mostAllocated = 0;
        string mostAllocatedBy = "none";
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            int which = random.Next(originals.Length);
            (byte[] mutated, string how) = Mutate(originals[which], random, text);
            string where = string.Format(CultureInfo.InvariantCulture, "{0} #{1} {2}: {3}", reader, iteration, Path.GetFileName(files[which]), how);
            if (Environment.GetEnvironmentVariable("RP_MUTATION_TRACE") is { Length: > 0 } trace)
            {
                // Keep every input in that folder, to replay one with tests/RecurrentParams.Import.Fuzz if the run dies.
                Directory.CreateDirectory(trace);
                File.WriteAllBytes(Path.Combine(trace, string.Format(CultureInfo.InvariantCulture, "{0}-{1:D6}", reader, iteration)), mutated);
            }

            long allocated = 0;
            Task<Exception?> run = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    read(new MemoryStream(mutated, writable: false));
                    return (Exception?)null;
                }
                catch (Exception e)
                {
                    return e;
                }
                finally
                {
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }
            });
            if (await Task.WhenAny(run, Task.Delay(Patience)) != run)
            {
                failures.Add(where + ": did not finish within " + Patience.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
                continue;
            }

            Exception? outcome = await run;
            if (allocated > mostAllocated)
            {
                (mostAllocated, mostAllocatedBy) = (allocated, where);
            }

            if (allocated > AllocationBudget)
            {
                failures.Add(where + ": allocated " + allocated.ToString("N0", CultureInfo.InvariantCulture) + " bytes for a " + mutated.Length.ToString("N0", CultureInfo.InvariantCulture) + "-byte file");
            }

            switch (outcome)
            {
                case null:
                    summarized++;
                    break;
                case ModelFormatException:
                    rejected++;
                    break;
                case Exception other:
                    failures.Add(where + ": " + other.GetType().FullName + ": " + other.Message + "\n" + other.StackTrace);
                    break;
            }
        }

        output.WriteLine($"{reader}: {Iterations} mutations, {summarized} summarized, {rejected} rejected with ModelFormatException, {failures.Count} failures; most allocated by one read: {mostAllocated:N0} bytes ({mostAllocatedBy})");
        failures.Should().BeEmpty();
    }

    private static (Func<Stream, ImportedModel> Read, string[] Files, bool Text) Setup(string reader)
    {
        string Dir(string folder) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);
        return reader switch
        {
            "keras-json" => (s => KerasModelReader.Read(s), Directory.GetFiles(Dir("keras3"), "*.json").Concat(Directory.GetFiles(Dir("keras2"), "*.json").Where(f => !f.EndsWith("manifest.json", StringComparison.Ordinal))).Concat(Directory.GetFiles(Dir("tfjs"), "fn-*.json").Where(f => !f.EndsWith(".model.json", StringComparison.Ordinal))).ToArray(), true),
            "tfjs" => (s => TfjsModelReader.Read(s), Directory.GetFiles(Dir("tfjs"), "*.model.json"), true),
            "keras-archive" => (s => KerasArchiveReader.Read(s), Directory.GetFiles(Dir("keras3"), "*.keras"), false),
            "safetensors" => (SafetensorsReader.Read, Directory.GetFiles(Dir("safetensors"), "*.safetensors"), false),
            "onnx" => (OnnxModelReader.Read, Directory.GetFiles(Dir("onnx"), "*.onnx"), false),
            "keras-archive-weights" => (KerasHdf5Reader.ReadArchive, Directory.GetFiles(Dir("keras3"), "*.keras").Concat(Directory.GetFiles(Dir("keras-archive"), "simplernn-*.keras")).ToArray(), false),
            _ => (KerasHdf5Reader.Read, Directory.GetFiles(Dir("h5"), "*.h5").Where(f => !Path.GetFileName(f).StartsWith("hostile", StringComparison.Ordinal)).ToArray(), false),
        };
    }

    private static (byte[] Bytes, string How) Mutate(byte[] original, Random random, bool text)
    {
        var bytes = new List<byte>(original);
        int kind = random.Next(text ? 7 : 6);
        int at = random.Next(bytes.Count);
        switch (kind)
        {
            case 0:
                int flips = 1 + random.Next(4);
                for (int k = 0; k < flips; k++)
                {
                    int p = random.Next(bytes.Count);
                    bytes[p] ^= (byte)(1 << random.Next(8));
                }

                return ([.. bytes], flips.ToString(CultureInfo.InvariantCulture) + " bit flips");
            case 1:
                return ([.. bytes.Take(at)], "truncated at " + at.ToString(CultureInfo.InvariantCulture));
            case 2:
                byte[] insert = new byte[1 + random.Next(16)];
                random.NextBytes(insert);
                bytes.InsertRange(at, insert);
                return ([.. bytes], insert.Length.ToString(CultureInfo.InvariantCulture) + " random bytes inserted at " + at.ToString(CultureInfo.InvariantCulture));
            case 3:
                int count = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.RemoveRange(at, count);
                return ([.. bytes], count.ToString(CultureInfo.InvariantCulture) + " bytes deleted at " + at.ToString(CultureInfo.InvariantCulture));
            case 4:
                int length = Math.Min(bytes.Count - at, 1 + random.Next(256));
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                return ([.. bytes], length.ToString(CultureInfo.InvariantCulture) + " bytes duplicated from " + at.ToString(CultureInfo.InvariantCulture));
            case 5:
                int p2 = random.Next(bytes.Count);
                byte value = (byte)(random.Next(2) == 0 ? 0xFF : 0x00);
                for (int k = p2; k < Math.Min(bytes.Count, p2 + 8); k++)
                {
                    bytes[k] = value;
                }

                return ([.. bytes], "8 bytes set to " + value.ToString("X2", CultureInfo.InvariantCulture) + " at " + p2.ToString(CultureInfo.InvariantCulture));
            default:
                string json = Encoding.UTF8.GetString(original);
                int[] digits = Enumerable.Range(0, json.Length).Where(i => char.IsAsciiDigit(json[i]) && (i == 0 || !char.IsAsciiDigit(json[i - 1]))).ToArray();
                if (digits.Length == 0)
                {
                    return (original, "unchanged");
                }

                int start = digits[random.Next(digits.Length)];
                int end = start;
                while (end < json.Length && (char.IsAsciiDigit(json[end]) || json[end] == '.'))
                {
                    end++;
                }

                string hostile = HostileNumbers[random.Next(HostileNumbers.Length)];
                return (Encoding.UTF8.GetBytes(json[..start] + hostile + json[end..]), "number at " + start.ToString(CultureInfo.InvariantCulture) + " replaced by " + hostile);
        }
    }
}
