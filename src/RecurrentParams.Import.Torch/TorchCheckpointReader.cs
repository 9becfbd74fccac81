using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Torch;

/// <summary>
/// Reads PyTorch files — <c>torch.save</c> checkpoints (<c>.pt</c>, <c>.pth</c>, <c>.ckpt</c>, <c>pytorch_model.bin</c>),
/// TorchScript archives (<c>torch.jit.save</c>) and legacy pre-1.6 files — without executing them: tensor names, dtypes and
/// shapes come from a restricted pickle reader that never resolves a class or calls a function the file names, and the
/// weights are never read.
/// </summary>
/// <remarks>
/// <para>What is summarized: a state dict at the root; the state dict a checkpoint wraps (<c>model_state_dict</c>,
/// Lightning's <c>state_dict</c>, <c>model</c>, <c>net</c>, ... or else the nested dict holding the most tensors), with
/// optimizer state and other entries counted apart in <see cref="ImportedModel.Metadata"/> (<c>state_dict_key</c> names
/// the key used); a whole pickled module (<c>torch.save(model)</c>) or TorchScript module, whose module tree gives
/// parameters and buffers apart. Rows follow the module paths, recurrent modules are recovered by
/// <see cref="TorchArchitecture.Recover"/>, and <see cref="ImportedModel.Metadata"/> lists the dtypes and the bytes per dtype.</para>
/// <para>Counts: for a state dict, as for safetensors, every tensor counts and buffers (<c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c>) are non-trainable, so <see cref="ModelSummary.TotalParams"/> is the
/// state dict's element count. For a module tree, as torchinfo counts, only parameters count (a tied parameter once, as in
/// <c>model.parameters()</c>), trainable when the file marks them <c>requires_grad</c>; buffers are listed in
/// <see cref="ImportedModel.Tensors"/> and counted in the <c>buffers</c> metadata.</para>
/// <para>Hostile input: the limits of <see cref="ModelReaderOptions"/> apply (pickle size, nesting, tensors, name length,
/// inflated code); every storage's size is checked against its entry (zip) or its bytes (legacy) without reading it; a
/// pickle that names a global only code execution needs (<c>os.system</c>, <c>builtins.eval</c>, ...) is refused. All members
/// are thread-safe.</para>
/// </remarks>
public static class TorchCheckpointReader
{
    /// <summary>Reads a PyTorch file from a stream: a zip checkpoint, a TorchScript archive or a legacy file, told apart by their first bytes.</summary>
    /// <param name="stream">A readable stream positioned at the file's start; it is not closed. A zip on a non-seekable stream is buffered, at most <see cref="ModelReaderOptions.MaxDocumentBytes"/> bytes; a legacy file is read forward.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The tensors, the recovered modules and the summary, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.TorchCheckpoint"/>, <see cref="ModelFileFormat.TorchScript"/> or <see cref="ModelFileFormat.TorchLegacyCheckpoint"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The file is not a PyTorch file, is truncated or damaged, names a global only code execution needs, a storage's size disagrees with its tensors, or a limit of <paramref name="options"/> is exceeded; the message gives the entry or byte offset.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromStream(stream, "model", options ?? ModelReaderOptions.Default).Model;
    }

    /// <summary>Reads a PyTorch file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.pt</c>, <c>checkpoint.ckpt</c> or <c>pytorch_model.bin</c>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The tensors, the recovered modules and the summary; the model is named after the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is not a PyTorch file, is truncated or damaged, names a global only code execution needs, a storage's size disagrees with its tensors, or a limit of <paramref name="options"/> is exceeded.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return FromStream(stream, Path.GetFileNameWithoutExtension(path) is { Length: > 0 } name ? name : "model", options ?? ModelReaderOptions.Default).Model;
    }

    /// <summary>Reads a PyTorch file and returns its module tree as well: classes, instance names, parameters and buffers, for the module-tree renderers to come.</summary>
    internal static TorchReadResult ReadWithTree(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromStream(stream, "model", options ?? ModelReaderOptions.Default);
    }

    /// <summary>Tells from a file's first bytes whether it looks like a PyTorch file this reader reads: a legacy file's pickled magic number, or a zip whose first entry is a PyTorch record (<c>archive/data.pkl</c>, <c>archive/data/0</c>, <c>archive/version</c>, ...).</summary>
    /// <param name="head">The file's first bytes; 64 are enough, fewer make the answer <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the bytes start like a PyTorch file; a <see langword="true"/> is a hint, not a promise that reading succeeds.</returns>
    public static bool LooksLikeTorch(ReadOnlySpan<byte> head)
    {
        // Legacy: PROTO n, LONG1 10, the magic number's bytes; or, with protocols 0 and 1, the number as text.
        if ((head.Length >= 14 && head[0] == 0x80 && head[2] == 0x8a && head[3] == 10 && head.Slice(4, 10).SequenceEqual(TorchLegacy.Magic))
            || head.StartsWith("L119547037146038801333356L\n"u8))
        {
            return true;
        }

        // Zip: the first local header names a record under the archive's folder.
        if (head.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(head) != 0x0403_4B50)
        {
            return false;
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(26));
        if (nameLength == 0 || head.Length < 30 + nameLength)
        {
            return false;
        }

        string name = Encoding.UTF8.GetString(head.Slice(30, nameLength).ToArray());
        int slash = name.IndexOf('/');
        if (slash <= 0)
        {
            return name == "data.pkl";
        }

        string record = name.Substring(slash + 1);
        return record is "data.pkl" or "version" or "byteorder" or "constants.pkl" or ".data/version" || record.StartsWith("data/", StringComparison.Ordinal) || record.StartsWith("code/", StringComparison.Ordinal) || record.StartsWith("constants/", StringComparison.Ordinal);
    }

    private static TorchReadResult FromStream(Stream stream, string name, ModelReaderOptions options)
    {
        if (!stream.CanSeek)
        {
            return FromForwardStream(stream, name, options);
        }

        long start = stream.Position;
        byte[] head = new byte[4];
        int read = 0;
        while (read < head.Length)
        {
            int got = stream.Read(head, read, head.Length - read);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        stream.Position = start;
        if (read == 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == 0x0403_4B50)
        {
            return TorchZip.Read(stream, name, options);
        }

        if (read >= 1 && head[0] is 0x80 or (byte)'L')
        {
            return TorchLegacy.Read(stream, name, options);
        }

        throw Fail.Error(Fail.Byte(start), "expected a PyTorch file: a zip (PK\\3\\4) or a legacy file starting with a pickle (0x80, or L for protocols 0 and 1); found neither");
    }

    /// <summary>A non-seekable stream: a legacy file is read forward; a zip, whose directory is at its end, is buffered within <see cref="ModelReaderOptions.MaxDocumentBytes"/>.</summary>
    private static TorchReadResult FromForwardStream(Stream stream, string name, ModelReaderOptions options)
    {
        int first = stream.ReadByte();
        if (first is 0x80 or 'L')
        {
            return TorchLegacy.Read(stream, name, options, first);
        }

        if (first != 'P')
        {
            throw Fail.Error(Fail.Byte(0), "expected a PyTorch file: a zip (PK\\3\\4) or a legacy file starting with a pickle (0x80, or L for protocols 0 and 1); found neither");
        }

        byte[] rest = StreamInput.ReadToEnd(stream, (int)Math.Max(0, options.MaxDocumentBytes - 1), "the archive (a zip on a non-seekable stream is buffered, at most the bytes ModelReaderOptions.MaxDocumentBytes allows; pass a seekable stream for a larger file)");
        byte[] all = new byte[rest.Length + 1];
        all[0] = (byte)first;
        Buffer.BlockCopy(rest, 0, all, 1, rest.Length);
        using var buffered = new MemoryStream(all, writable: false);
        return TorchZip.Read(buffered, name, options);
    }
}
