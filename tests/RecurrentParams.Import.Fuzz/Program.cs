using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Torch;
using RecurrentParams.Import.Tests.Robustness.Fuzzing;
using SharpFuzz;

namespace RecurrentParams.Import.Fuzz;

/// <summary>
/// Long fuzzing runs of the model-file readers: a structure-aware campaign (the mutators of the test suite's FuzzTests,
/// any number of inputs), an AFL harness (SharpFuzz), and a replay of saved inputs. See README.md.
/// </summary>
/// <remarks>
/// <c>campaign [--inputs N] [--seed S] [--readers a,b] [--keep folder] [--fixtures folder]</c> runs N mutations per reader
/// and prints, per reader, the outcomes, the exception types that left it, the worst time and the worst allocation;
/// <c>&lt;reader&gt;</c> runs under afl-fuzz; <c>&lt;reader&gt; &lt;file or folder&gt;</c> replays inputs.
/// Readers: keras-json, tfjs, keras-archive, safetensors, onnx, hdf5, keras-archive-weights, torch, model-file.
/// </remarks>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: RecurrentParams.Import.Fuzz campaign [--inputs N] [--seed S] [--readers a,b] [--keep folder] [--fixtures folder]");
            Console.Error.WriteLine("       RecurrentParams.Import.Fuzz <reader> [file-or-folder-to-replay]   (readers: " + string.Join(", ", FuzzTargets.Names) + ")");
            return 2;
        }

        if (args[0] == "campaign")
        {
            return Campaign(args.Skip(1).ToArray());
        }

        Func<Stream, ImportedModel> read = args[0] switch
        {
            "keras-json" => s => KerasModelReader.Read(s),
            "tfjs" => s => TfjsModelReader.Read(s),
            "keras-archive" => s => KerasArchiveReader.Read(s),
            "safetensors" => s => SafetensorsReader.Read(s),
            "onnx" => s => OnnxModelReader.Read(s),
            "hdf5" => s => KerasHdf5Reader.Read(s),
            "keras-archive-weights" => s => KerasHdf5Reader.ReadArchive(s),
            "torch" => s => TorchCheckpointReader.Read(s),
            _ => throw new ArgumentException("unknown reader '" + args[0] + "'", nameof(args)),
        };

        if (args.Length > 1)
        {
            return Replay(read, args[1]);
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            // A MemoryStream copy: AFL's stream cannot seek, and the readers skip by seeking when they can.
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            try
            {
                read(copy);
            }
            catch (ModelFormatException)
            {
                // The documented outcome for a bad file.
            }
        });
        return 0;
    }

    private static int Campaign(string[] args)
    {
        string Option(string name, string fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int inputs = int.Parse(Option("--inputs", "100000"), CultureInfo.InvariantCulture);
        int seed = int.Parse(Option("--seed", "1"), CultureInfo.InvariantCulture);
        string fixtures = Option("--fixtures", Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "RecurrentParams.Import.Tests", "Fixtures"));
        string? keep = Option("--keep", string.Empty) is { Length: > 0 } folder ? folder : null;
        string[] readers = Option("--readers", string.Join(",", FuzzTargets.Names)).Split(',');
        var clock = Stopwatch.StartNew();
        int failures = 0;
        foreach (FuzzTarget target in FuzzTargets.All(fixtures, KerasHdf5Reader.FieldMap).Where(t => readers.Contains(t.Name)))
        {
            FuzzReport report = FuzzRunner.Run(target, inputs, seed, keep, progress: r => Console.WriteLine(Stamp(clock) + " " + r));
            Console.WriteLine(Stamp(clock) + " DONE " + report);
            foreach (string failure in report.Failures.Take(100))
            {
                Console.WriteLine("  FAIL " + failure);
            }

            failures += report.Failures.Count;
        }

        return failures == 0 ? 0 : 1;
    }

    private static string Stamp(Stopwatch clock) => clock.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static int Replay(Func<Stream, ImportedModel> read, string path)
    {
        string[] files = Directory.Exists(path) ? Directory.GetFiles(path) : [path];
        int crashes = 0;
        foreach (string file in files)
        {
            FuzzRunner.Outcome outcome = FuzzRunner.ReadOnce(read, File.ReadAllBytes(file), forwardOnly: false);
            string cost = string.Format(CultureInfo.InvariantCulture, " [{0:N0} KiB allocated, {1:N1} ms]", outcome.Allocated >> 10, outcome.Elapsed.TotalMilliseconds);
            switch (outcome.Error)
            {
                case null:
                    Console.WriteLine(file + ": summarized" + cost);
                    break;
                case ModelFormatException e:
                    Console.WriteLine(file + ": refused: " + e.Message + cost);
                    break;
                default:
                    crashes++;
                    Console.WriteLine(file + ": CRASH: " + outcome.Error + cost);
                    break;
            }
        }

        return crashes == 0 ? 0 : 1;
    }
}
