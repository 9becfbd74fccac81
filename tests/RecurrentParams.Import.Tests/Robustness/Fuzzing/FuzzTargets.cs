using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Torch;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>Every reader with its seed files (the framework-generated fixtures) and its structure-aware mutator.</summary>
internal static class FuzzTargets
{
    public static readonly string[] Names = ["keras-json", "tfjs", "keras-archive", "safetensors", "onnx", "hdf5", "keras-archive-weights", "keras-weights", "torch", "model-file"];

    /// <summary>Mutates a seed of any format with its own format's mutator, recognized by its first bytes, or sometimes with another's.</summary>
    private static (byte[] Bytes, string How) AnyFormat(byte[] seed, Random random, Hdf5Mutator hdf5)
    {
        int format = random.Next(8) == 0 ? random.Next(5) : seed switch
        {
            [(byte)'{', ..] => 0,
            [(byte)'P', (byte)'K', ..] => 1,
            [0x89, (byte)'H', (byte)'D', (byte)'F', ..] => 3,
            [_, _, _, _, _, _, _, 0, (byte)'{', ..] => 2,
            _ => 4,
        };
        return format switch
        {
            0 => JsonMutator.Mutate(seed, random),
            1 => ZipMutator.Mutate(seed, random, hdf5.Mutate),
            2 => SafetensorsMutator.Mutate(seed, random),
            3 => hdf5.Mutate(seed, random),
            _ => ProtoMutator.Mutate(seed, random),
        };
    }

    private static readonly ModelSummary WeightsSummary = new KerasModelBuilder("weights").Input(null, 1).Lstm(1).Build();

    /// <summary>Reads a file's weight values (<see cref="KerasWeights.Read"/>) and checks each tensor holds its shape's elements; the tensors become the rows of a model the runner renders.</summary>
    private static ImportedModel Values(Stream stream)
    {
        IReadOnlyList<NamedTensor> tensors = KerasWeights.Read(stream);
        foreach (NamedTensor tensor in tensors)
        {
            if (tensor.Values.Length != tensor.Shape.ElementCount)
            {
                throw new InvalidOperationException(tensor + " holds " + tensor.Values.Length + " values");
            }
        }

        return new ImportedModel(ModelFileFormat.KerasHdf5, WeightsSummary, tensors.Select(t => new TensorInfo(t.Name, "float32", t.Shape)), crossCheck: false);
    }

    /// <param name="fixtures">The Fixtures folder of the tests.</param>
    /// <param name="fieldMap">The fields the HDF5 reader decodes in a file, or <see langword="null"/>.</param>
    public static IReadOnlyList<FuzzTarget> All(string fixtures, Func<byte[], IReadOnlyList<(long Offset, int Width)>>? fieldMap)
    {
        string[] Files(string folder, string pattern) => Directory.GetFiles(Path.Combine(fixtures, folder), pattern).Order(StringComparer.Ordinal).ToArray();
        var hdf5 = new Hdf5Mutator(fieldMap);

        // Reading values decodes more fields (chunk indices, filter pipelines, float fields) than the summaries do.
        var values = new Hdf5Mutator(fieldMap is null ? null : bytes => [.. fieldMap(bytes).Union(KerasWeights.FieldMap(bytes))]);
        string[] keras = Files("keras3", "*.json")
            .Concat(Files("keras2", "*.json").Where(f => !f.EndsWith("manifest.json", StringComparison.Ordinal)))
            .Concat(Files("tfjs", "fn-*.json").Where(f => !f.EndsWith(".model.json", StringComparison.Ordinal)))
            .ToArray();
        string[] archives = Files("keras3", "*.keras").Concat(Files("keras-archive", "simplernn-*.keras")).ToArray();
        string[] h5 = Files("h5", "*.h5").Where(f => !Path.GetFileName(f).StartsWith("hostile", StringComparison.Ordinal)).Concat(Files("keras3-weights", "*.h5")).Concat(Files("h5-layouts", "*.h5")).ToArray();
        // The PyTorch fixtures, without the hostile pickles (refused whatever is mutated) and the manifest.
        string[] torch = Directory.GetFiles(Path.Combine(fixtures, "torch")).Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("hostile", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        (byte[] Bytes, string How) Torch(byte[] seed, Random random) =>
            seed is [(byte)'P', (byte)'K', ..] && random.Next(2) == 0 ? ZipMutator.Mutate(seed, random, (b, r) => ByteMutator.Mutate(b, r)) : ByteMutator.Mutate(seed, random);
        return
        [
            new("keras-json", s => KerasModelReader.Read(s), keras, JsonMutator.Mutate),
            new("tfjs", s => TfjsModelReader.Read(s), Files("tfjs", "*.model.json"), JsonMutator.Mutate),
            new("keras-archive", s => KerasArchiveReader.Read(s), archives, (b, r) => ZipMutator.Mutate(b, r, hdf5.Mutate)),
            new("safetensors", s => SafetensorsReader.Read(s), Files("safetensors", "*.safetensors"), SafetensorsMutator.Mutate),
            new("onnx", s => OnnxModelReader.Read(s), Files("onnx", "*.onnx"), ProtoMutator.Mutate),
            new("hdf5", s => KerasHdf5Reader.Read(s), h5, hdf5.Mutate),
            new("keras-archive-weights", s => KerasHdf5Reader.ReadArchive(s), archives, (b, r) => ZipMutator.Mutate(b, r, hdf5.Mutate)),
            new("keras-weights", Values, [.. h5, .. Files("h5-values", "*.h5")], values.Mutate),
            new("torch", s => TorchCheckpointReader.Read(s), torch, Torch),
            new("model-file", s => ModelFile.Read(s), [.. keras, .. archives, .. Files("safetensors", "*.safetensors"), .. Files("onnx", "*.onnx"), .. h5, .. torch], (b, r) => AnyFormat(b, r, hdf5)),
        ];
    }
}
