using System;
using System.IO;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using SharpFuzz;

namespace RecurrentParams.Import.Fuzz;

/// <summary>
/// AFL harness (SharpFuzz) for the model-file readers: any exception other than <see cref="ModelFormatException"/>
/// escapes and AFL records the input as a crash; a hang is recorded as a hang. See README.md for the recipe.
/// </summary>
/// <remarks>
/// <c>dotnet run -- &lt;reader&gt;</c> runs under afl-fuzz (out of process); <c>dotnet run -- &lt;reader&gt; &lt;file or folder&gt;</c>
/// replays inputs without AFL, printing the outcome of each, to reproduce a crash.
/// Readers: keras-json, tfjs, keras-archive, safetensors, onnx, hdf5.
/// </remarks>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: RecurrentParams.Import.Fuzz <keras-json|tfjs|keras-archive|safetensors|onnx|hdf5> [file-or-folder-to-replay]");
            return 2;
        }

        Func<Stream, ImportedModel> read = args[0] switch
        {
            "keras-json" => s => KerasModelReader.Read(s),
            "tfjs" => s => TfjsModelReader.Read(s),
            "keras-archive" => s => KerasArchiveReader.Read(s),
            "safetensors" => SafetensorsReader.Read,
            "onnx" => OnnxModelReader.Read,
            "hdf5" => KerasHdf5Reader.Read,
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

    private static int Replay(Func<Stream, ImportedModel> read, string path)
    {
        string[] files = Directory.Exists(path) ? Directory.GetFiles(path) : [path];
        int crashes = 0;
        foreach (string file in files)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            string Allocated() => " [" + ((GC.GetAllocatedBytesForCurrentThread() - before) >> 10) + " KiB allocated]";
            try
            {
                using FileStream stream = File.OpenRead(file);
                ImportedModel model = read(stream);
                Console.WriteLine(file + ": " + model.Summary.TotalParams + " params" + Allocated());
            }
            catch (ModelFormatException e)
            {
                Console.WriteLine(file + ": rejected: " + e.Message + Allocated());
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine(file + ": CRASH: " + e);
            }
        }

        return crashes == 0 ? 0 : 1;
    }
}
