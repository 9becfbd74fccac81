using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads any model file with one call: the format is detected from the content, never from the file's name, and the file goes to the reader for that format.</summary>
/// <remarks>
/// <para>Formats and how they are recognized:</para>
/// <list type="bullet">
/// <item><description>Keras topology JSON of Keras 1, 2 and 3 and TensorFlow.js <c>model.json</c> (with or without <c>modelTopology</c>):
/// a JSON object (<see cref="KerasModelReader"/>, <see cref="TfjsModelReader"/>).</description></item>
/// <item><description>Keras 3 <c>.keras</c> archives: a zip whose entries are <c>metadata.json</c>, <c>config.json</c> and
/// <c>model.weights.h5</c> (<see cref="KerasArchiveReader"/>; with the HDF5 package, its weights are cross-checked too).</description></item>
/// <item><description>safetensors: an 8-byte header length, then a JSON header (<see cref="SafetensorsReader"/>).</description></item>
/// <item><description>Legacy Keras <c>.h5</c> saves and weights files: the HDF5 signature (package <c>RecurrentParams.Import.Hdf5</c>).</description></item>
/// <item><description>ONNX: a protobuf <c>ModelProto</c> (package <c>RecurrentParams.Import.Onnx</c>).</description></item>
/// <item><description>PyTorch <c>torch.save</c> and <c>torch.jit.save</c> files, zip or legacy (package <c>RecurrentParams.Import.Torch</c>).</description></item>
/// </list>
/// <para>The readers of HDF5, ONNX and PyTorch files live in their own packages, so that a user who reads JSON pulls in
/// neither HDF5 nor protobuf. A file whose reader's package is not referenced is refused with a
/// <see cref="ModelFormatException"/> that names the package to add. Detection reads the file's first 4 KiB (and, for a
/// zip archive whose first entry does not tell, its central directory); it costs no more than that.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>Reads a model file of any supported format.</summary>
    /// <param name="path">The file's path; its extension is not looked at.</param>
    /// <param name="options">Limits and strictness, or <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary and the tensors the file stores; <see cref="ImportedModel.Format"/> says which format it was.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is of no supported format (the message shows its first bytes and the formats tried), needs a reader package that is not referenced, or its reader refuses it.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        SniffedKind kind;
        byte[] head = ArrayPool<byte>.Shared.Rent(FormatSniffer.HeadBytes);
        try
        {
            using FileStream stream = StreamInput.OpenFile(path, nameof(path));
            int length = ReadHead(stream, head);
            kind = Classify(stream, head.AsSpan(0, length), stream.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }

        return kind switch
        {
            SniffedKind.Json => KerasModelReader.ReadFile(path),
            SniffedKind.Safetensors => SafetensorsReader.ReadFile(path),
            SniffedKind.KerasZip => OptionalReader.KerasArchive.IsAvailable ? OptionalReader.KerasArchive.ReadFile(path, options) : KerasArchiveReader.ReadFile(path),
            SniffedKind.Hdf5 => OptionalReader.Hdf5.ReadFile(path, options),
            SniffedKind.Onnx => OptionalReader.Onnx.ReadFile(path, options),
            _ => OptionalReader.Torch.ReadFile(path, options),
        };
    }

    /// <summary>Reads a model of any supported format from a stream, from its current position to its end.</summary>
    /// <param name="stream">A readable stream positioned at the file's start; it is not closed. A non-seekable stream is read forward only, as each reader reads it.</param>
    /// <param name="options">Limits and strictness, or <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary and the tensors the file stores; <see cref="ImportedModel.Format"/> says which format it was.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The content is of no supported format (the message shows its first bytes and the formats tried), needs a reader package that is not referenced, or its reader refuses it.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        byte[] head = ArrayPool<byte>.Shared.Rent(FormatSniffer.HeadBytes);
        try
        {
            long start = stream.CanSeek ? stream.Position : 0;
            int length = ReadHead(stream, head);
            if (stream.CanSeek)
            {
                SniffedKind kind = Classify(stream, head.AsSpan(0, length), stream.Length - start, start);
                stream.Position = start;
                return Read(kind, stream, options);
            }

            return Read(Classify(null, head.AsSpan(0, length), null), new ReplayStream(head, length, stream), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private static ImportedModel Read(SniffedKind kind, Stream source, ModelReaderOptions? options) =>
        kind switch
        {
            SniffedKind.Json => KerasModelReader.Read(source),
            SniffedKind.Safetensors => SafetensorsReader.Read(source),
            SniffedKind.KerasZip => OptionalReader.KerasArchive.IsAvailable ? OptionalReader.KerasArchive.Read(source, options) : KerasArchiveReader.Read(source),
            SniffedKind.Hdf5 => OptionalReader.Hdf5.Read(source, options),
            SniffedKind.Onnx => OptionalReader.Onnx.Read(source, options),
            _ => OptionalReader.Torch.Read(source, options),
        };

    private static int ReadHead(Stream stream, byte[] head)
    {
        int length = 0;
        int read;
        while (length < FormatSniffer.HeadBytes && (read = stream.Read(head, length, FormatSniffer.HeadBytes - length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>Classifies the content, or throws the "unknown format" error; a zip whose first entry does not tell is classified by its entry names when the stream can seek.</summary>
    private static SniffedKind Classify(Stream? seekable, ReadOnlySpan<byte> head, long? length, long start = 0)
    {
        SniffedKind kind = FormatSniffer.Sniff(head, length);
        if (kind == SniffedKind.OtherZip && seekable is not null)
        {
            kind = ClassifyByEntries(seekable, start);
        }

        return kind switch
        {
            SniffedKind.Unknown => throw new ModelFormatException(
                "The file is not a model file this library reads: " + FormatSniffer.Describe(head) + ". Tried: Keras and TensorFlow.js JSON (a JSON object), "
                + ".keras and PyTorch zip archives, HDF5 (.h5), safetensors, ONNX (a protobuf ModelProto) and PyTorch's legacy torch.save format.",
                "byte 0",
                null),
            SniffedKind.OtherZip => throw new ModelFormatException(
                "The file is a zip archive but neither a .keras archive (config.json, metadata.json, model.weights.h5) nor a PyTorch checkpoint (<name>/data.pkl and its storages).",
                "the archive",
                null),
            _ => kind,
        };
    }

    private static SniffedKind ClassifyByEntries(Stream stream, long start)
    {
        stream.Position = start;
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                SniffedKind kind = FormatSniffer.ClassifyEntry(entry.FullName);
                if (kind != SniffedKind.OtherZip)
                {
                    return kind;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException("The file starts like a zip archive but its directory cannot be read: " + e.Message, "the archive", e);
        }

        return SniffedKind.OtherZip;
    }
}
