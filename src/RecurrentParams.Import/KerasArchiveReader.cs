using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads a Keras 3 <c>.keras</c> archive: the topology in its <c>config.json</c> entry, without unpacking the weights.</summary>
/// <remarks>
/// <para>Only <c>config.json</c> and <c>metadata.json</c> are decompressed, each up to
/// <see cref="ModelReaderOptions.MaxDocumentBytes"/> (64 MiB by default), and each read stops at its limit whatever size
/// the zip directory claims, so a zip bomb costs nothing. <c>model.weights.h5</c> is never opened
/// (<c>KerasHdf5Reader.ReadArchive</c> of <c>RecurrentParams.Import.Hdf5</c> cross-checks the topology against its
/// datasets). A stream that cannot seek is buffered in memory up to <see cref="ModelReaderOptions.MaxBufferedBytes"/>
/// (256 MiB by default); pass a file path or a seekable stream for larger archives. All members are thread-safe.</para>
/// </remarks>
public static class KerasArchiveReader
{
    /// <summary>Reads an archive from a stream.</summary>
    /// <param name="stream">A readable stream positioned at the zip; it is not closed.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.KerasArchive"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed, has no <c>config.json</c>, is past a limit of <paramref name="options"/>, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromStream(stream, "model", options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads an archive file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.keras</c>.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The zip is malformed, has no <c>config.json</c>, is past a limit of <paramref name="options"/>, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return FromStream(stream, Path.GetFileNameWithoutExtension(path), options ?? ModelReaderOptions.Default);
    }

    private static ImportedModel FromStream(Stream stream, string fallbackName, ModelReaderOptions options)
    {
        Stream source = stream;
        MemoryStream? buffered = null;
        if (!stream.CanSeek)
        {
            buffered = new MemoryStream(StreamInput.ReadToEnd(stream, options.MaxBufferedBytes, "the archive", nameof(ModelReaderOptions.MaxBufferedBytes)), writable: false);
            source = buffered;
        }

        try
        {
            using var archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            ZipArchiveEntry config = archive.GetEntry("config.json") ?? Fail.At<ZipArchiveEntry>("the archive", "expected a config.json entry; a .keras archive holds config.json, metadata.json and model.weights.h5");
            byte[] configBytes = ReadEntry(config, options);
            string? kerasVersion = null;
            ZipArchiveEntry? metadataEntry = archive.GetEntry("metadata.json");
            if (metadataEntry is not null)
            {
                using JsonDocument metadata = Json.Parse(ReadEntry(metadataEntry, options), "metadata.json", options);
                Json root = Json.Root(metadata);
                if (root.Kind == JsonValueKind.Object && root.TryGet("keras_version", out Json version) && version.Kind == JsonValueKind.String)
                {
                    kerasVersion = version.String();
                }
            }

            ImportedModel model = KerasModelReader.FromUtf8(configBytes, kerasVersion ?? "3", fallbackName, options, "config.json");
            return new ImportedModel(ModelFileFormat.KerasArchive, model.Summary, Array.Empty<TensorInfo>(), crossCheck: false)
            {
                Metadata = model.Metadata,
                UnsupportedLayers = model.UnsupportedLayers,
            };
        }
        catch (InvalidDataException e)
        {
            return Fail.At<ImportedModel>("the archive", "not a valid zip archive: " + e.Message, e);
        }
        finally
        {
            buffered?.Dispose();
        }
    }

    /// <summary>Decompresses a JSON entry, stopping at <see cref="ModelReaderOptions.MaxDocumentBytes"/> whatever its header claims.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, ModelReaderOptions options)
    {
        long limit = options.MaxDocumentBytes;
        if (entry.Length > limit)
        {
            throw Limits.Exceeded(entry.FullName, string.Format(CultureInfo.InvariantCulture, "the entry claims {0:N0} bytes", entry.Length), limit, "bytes", nameof(ModelReaderOptions.MaxDocumentBytes));
        }

        using Stream data = entry.Open();
        return StreamInput.ReadToEnd(data, limit, entry.FullName, nameof(ModelReaderOptions.MaxDocumentBytes));
    }
}
