using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using RecurrentParams.Import.Hdf5.Format;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;

namespace RecurrentParams.Import.Hdf5;

/// <content>The <c>.keras</c> archive: its topology, cross-checked against the datasets of its <c>model.weights.h5</c>.</content>
public static partial class KerasHdf5Reader
{
    private const string WeightsEntry = "model.weights.h5";

    /// <summary>The groups of a Keras 3 <c>model.weights.h5</c> that hold the model's variables; <c>optimizer</c> and the rest are not parameters.</summary>
    private static readonly string[] ModelGroups = ["layers", "vars"];

    /// <summary>Reads a Keras 3 <c>.keras</c> archive from a stream and cross-checks its topology against the shapes in <c>model.weights.h5</c>.</summary>
    /// <param name="stream">A readable stream positioned at the zip; it is not closed.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>
    /// The summary and metadata <see cref="KerasArchiveReader.Read"/> gives, with <see cref="ImportedModel.Format"/>
    /// <see cref="ModelFileFormat.KerasArchive"/>, the datasets under <c>layers</c> and <c>vars</c> of <c>model.weights.h5</c>
    /// as <see cref="ImportedModel.Tensors"/>, and their count as <see cref="ImportedModel.StoredParams"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed or its records disagree, <c>model.weights.h5</c> is not HDF5 or is damaged, the archive is past a limit of <paramref name="options"/>, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel ReadArchive(Stream stream, ModelReaderOptions? options = null)
    {
        Guard.NotNull(stream, nameof(stream));
        if (!stream.CanRead)
        {
            StreamInput.CheckReadable(stream, nameof(stream));
        }

        options ??= ModelReaderOptions.Default;
        if (stream.CanSeek)
        {
            using var window = new StreamWindow(stream, stream.Position, stream.Length - stream.Position);
            return FromArchive(window, () => KerasArchiveReader.Read(window, options), options);
        }

        using ChunkedStream buffer = Buffer(stream, "the archive", options);
        return FromArchive(buffer, () => KerasArchiveReader.Read(buffer, options), options);
    }

    /// <summary>Reads a Keras 3 <c>.keras</c> archive file and cross-checks its topology against the shapes in <c>model.weights.h5</c>.</summary>
    /// <param name="path">The file's path, e.g. <c>model.keras</c>.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary and metadata <see cref="KerasArchiveReader.ReadFile"/> gives, the weight datasets' shapes and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed or its records disagree, <c>model.weights.h5</c> is not HDF5 or is damaged, the archive is past a limit of <paramref name="options"/>, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadArchiveFile(string path, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        options ??= ModelReaderOptions.Default;

        // The topology as KerasArchiveReader.ReadFile gives it: a config without a name is named after the file.
        return FromArchive(stream, () => KerasArchiveReader.ReadFile(path, options), options);
    }

    private static ImportedModel FromArchive(Stream archive, Func<ImportedModel> readTopology, ModelReaderOptions options)
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
            skipped = Check(location, entry, options);
            if (skipped is null && location is not null && entry is not null)
            {
                using Stream weights = location.Method == 0
                    ? new StreamWindow(archive, location.DataOffset, location.CompressedSize)
                    : Inflate(entry, location.UncompressedSize);
                tensors = ReadWeights(weights, options);
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
    private static string? Check(ZipEntryLocation? location, ZipArchiveEntry? entry, ModelReaderOptions options)
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

        return location.UncompressedSize > options.MaxInflatedBytes
            ? string.Format(CultureInfo.InvariantCulture, "not cross-checked: {0} is compressed and {1:N0} bytes once inflated, more than the {2:N0} bytes ModelReaderOptions.MaxInflatedBytes allows to inflate in memory (Keras stores it uncompressed)", WeightsEntry, location.UncompressedSize, options.MaxInflatedBytes)
            : null;
    }

    /// <summary>
    /// Inflates a compressed entry that declares at most <see cref="ModelReaderOptions.MaxInflatedBytes"/> into memory: the
    /// chunks are allocated as the inflater produces bytes, and one byte past the declared size ends the read.
    /// </summary>
    private static ChunkedStream Inflate(ZipArchiveEntry entry, long declared)
    {
        ChunkedStream? inflated;
        try
        {
            using Stream data = entry.Open();
            inflated = ChunkedStream.Copy(data, declared);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException("the entry does not inflate: " + e.Message, WeightsEntry, e);
        }

        if (inflated is null || inflated.Length != declared)
        {
            throw new ModelFormatException(
                string.Format(CultureInfo.InvariantCulture, "the entry inflates to {0} bytes, but its headers declare {1}", inflated is null ? "more than " + declared.ToString(CultureInfo.InvariantCulture) : inflated.Length.ToString(CultureInfo.InvariantCulture), declared),
                WeightsEntry,
                null);
        }

        return inflated;
    }

    /// <summary>The datasets of the model's own groups, named by their paths, e.g. <c>layers/simple_rnn/cell/vars/0</c>.</summary>
    private static List<TensorInfo> ReadWeights(Stream weights, ModelReaderOptions options)
    {
        var file = new H5File(weights, WeightsEntry);
        var walk = new Walk(file, options);
        H5Object root = walk.Open(file.Root, WeightsEntry);
        var tensors = new List<TensorInfo>();
        List<(string Name, long Address)> links = root.Links();
        foreach (string name in ModelGroups)
        {
            if (Child(walk, root, name, links) is H5Object group)
            {
                walk.Collect(group, name, WeightsEntry + "/", 0, tensors);
            }
        }

        return tensors;
    }
}
