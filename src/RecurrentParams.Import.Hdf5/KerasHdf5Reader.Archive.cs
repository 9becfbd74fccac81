using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace RecurrentParams.Import.Hdf5;

/// <content>The <c>.keras</c> archive: its topology, cross-checked against the datasets of its <c>model.weights.h5</c>.</content>
public static partial class KerasHdf5Reader
{
    private const string WeightsEntry = "model.weights.h5";
    private const int MaxInflatedBytes = 256 * 1024 * 1024;

    /// <summary>The groups of a Keras 3 <c>model.weights.h5</c> that hold the model's variables; <c>optimizer</c> and the rest are not parameters.</summary>
    private static readonly string[] ModelGroups = ["layers", "vars"];

    /// <summary>Reads a Keras 3 <c>.keras</c> archive from a stream and cross-checks its topology against the shapes in <c>model.weights.h5</c>.</summary>
    /// <param name="stream">A readable stream positioned at the zip; it is not closed.</param>
    /// <returns>
    /// The summary and metadata <see cref="KerasArchiveReader.Read"/> gives, with <see cref="ImportedModel.Format"/>
    /// <see cref="ModelFileFormat.KerasArchive"/>, the datasets under <c>layers</c> and <c>vars</c> of <c>model.weights.h5</c>
    /// as <see cref="ImportedModel.Tensors"/>, and their count as <see cref="ImportedModel.StoredParams"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed or its records disagree, <c>model.weights.h5</c> is not HDF5 or is damaged, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel ReadArchive(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("'stream' must be readable.", nameof(stream));
        }

        if (stream.CanSeek)
        {
            return FromArchive(stream, () => KerasArchiveReader.Read(stream));
        }

        using MemoryStream buffer = Buffer(stream, "the archive");
        return FromArchive(buffer, () => KerasArchiveReader.Read(buffer));
    }

    /// <summary>Reads a Keras 3 <c>.keras</c> archive file and cross-checks its topology against the shapes in <c>model.weights.h5</c>.</summary>
    /// <param name="path">The file's path, e.g. <c>model.keras</c>.</param>
    /// <returns>The summary and metadata <see cref="KerasArchiveReader.ReadFile"/> gives, the weight datasets' shapes and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed or its records disagree, <c>model.weights.h5</c> is not HDF5 or is damaged, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadArchiveFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);

        // The topology as KerasArchiveReader.ReadFile gives it: a config without a name is named after the file.
        return FromArchive(stream, () => KerasArchiveReader.ReadFile(path));
    }

    private static ImportedModel FromArchive(Stream archive, Func<ImportedModel> readTopology)
    {
        long start = archive.Position;
        ZipEntryLocation? location = ZipLocator.Find(archive, WeightsEntry);
        archive.Position = start;
        ImportedModel topology = readTopology();
        List<TensorInfo>? tensors = null;
        string? skipped;
        using (ZipArchive zip = OpenZip(archive))
        {
            ZipArchiveEntry? entry = zip.GetEntry(WeightsEntry);
            skipped = Check(location, entry);
            if (skipped is null && location is not null && entry is not null)
            {
                using Stream weights = location.Method == 0
                    ? new StreamWindow(archive, location.DataOffset, location.CompressedSize)
                    : Inflate(entry, location.UncompressedSize);
                tensors = ReadWeights(weights);
            }
        }

        var metadata = new Dictionary<string, string>(topology.Metadata, StringComparer.Ordinal);
        if (skipped is not null)
        {
            metadata["weights"] = skipped;
        }

        return Result(ModelFileFormat.KerasArchive, topology, tensors, metadata, WeightsEntry);
    }

    private static ZipArchive OpenZip(Stream archive)
    {
        try
        {
            return new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException("not a valid zip archive: " + e.Message, "the archive", e);
        }
    }

    /// <summary>
    /// Compares what the directory walk found with what System.IO.Compression reads for the same entry, and says why the
    /// weights cannot be cross-checked, or returns <see langword="null"/> when they can.
    /// </summary>
    private static string? Check(ZipEntryLocation? location, ZipArchiveEntry? entry)
    {
        if (location is null || entry is null)
        {
            return location is null && entry is null
                ? "not cross-checked: the archive has no " + WeightsEntry
                : throw new ModelFormatException(
                    location is null
                        ? "System.IO.Compression finds an entry " + WeightsEntry + " that the directory's headers do not hold"
                        : "the directory's headers hold an entry " + WeightsEntry + " that System.IO.Compression does not find",
                    "the archive's central directory",
                    null);
        }

        if (entry.CompressedLength != location.CompressedSize || entry.Length != location.UncompressedSize)
        {
            throw new ModelFormatException(
                string.Format(CultureInfo.InvariantCulture, "the central directory header gives {0} compressed and {1} uncompressed bytes, but System.IO.Compression reads {2} and {3}", location.CompressedSize, location.UncompressedSize, entry.CompressedLength, entry.Length),
                WeightsEntry,
                null);
        }

        if ((location.Flags & 1) != 0)
        {
            return "not cross-checked: " + WeightsEntry + " is encrypted";
        }

        if (location.Method == 0)
        {
            return null;
        }

        if (location.Method is not (8 or 9))
        {
            return string.Format(CultureInfo.InvariantCulture, "not cross-checked: {0} uses compression method {1}; only stored (0) and deflated (8, 9) entries are read", WeightsEntry, location.Method);
        }

        return location.UncompressedSize > MaxInflatedBytes
            ? string.Format(CultureInfo.InvariantCulture, "not cross-checked: {0} is compressed and {1} bytes once inflated; a compressed entry is inflated in memory only up to {2} bytes (Keras stores it uncompressed)", WeightsEntry, location.UncompressedSize, MaxInflatedBytes)
            : null;
    }

    /// <summary>Inflates a compressed entry of at most 256 MiB into memory: the buffer grows with what arrives, up to the declared size.</summary>
    private static MemoryStream Inflate(ZipArchiveEntry entry, long declared)
    {
        byte[] buffer = new byte[(int)Math.Min(declared, 8 * 1024)];
        int length = 0;
        bool longer;
        try
        {
            using Stream data = entry.Open();
            int read = 1;
            while (length < declared && read > 0)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(declared, 2L * buffer.Length));
                }

                read = data.Read(buffer, length, buffer.Length - length);
                length += read;
            }

            longer = data.ReadByte() >= 0;
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException("the entry does not inflate: " + e.Message, WeightsEntry, e);
        }

        if (length != declared || longer)
        {
            throw new ModelFormatException(
                string.Format(CultureInfo.InvariantCulture, "the entry inflates to {0} bytes, but its headers declare {1}", longer ? "more than " + declared.ToString(CultureInfo.InvariantCulture) : length.ToString(CultureInfo.InvariantCulture), declared),
                WeightsEntry,
                null);
        }

        return new MemoryStream(buffer, 0, length, writable: false);
    }

    /// <summary>The datasets of the model's own groups, named by their paths, e.g. <c>layers/simple_rnn/cell/vars/0</c>.</summary>
    private static List<TensorInfo> ReadWeights(Stream weights) =>
        ReadHdf5(weights, WeightsEntry, WeightsEntry, file =>
        {
            var tensors = new List<TensorInfo>();
            int visited = 0;
            foreach (string name in ModelGroups)
            {
                if (file.LinkExists(name))
                {
                    Collect(Group(file, name, WeightsEntry + "/" + name), name, WeightsEntry + "/", 0, tensors, ref visited);
                }
            }

            return tensors;
        });
}
