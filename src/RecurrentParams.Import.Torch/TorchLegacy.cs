using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Torch.Pickle;

namespace RecurrentParams.Import.Torch;

/// <summary>
/// The legacy format of <c>torch.save</c> (before 1.6, or <c>_use_new_zipfile_serialization=False</c>): five pickles —
/// the magic number, the protocol version (1001), system info, the object, the sorted storage keys — then each storage
/// as an 8-byte element count and its raw bytes. The storages are skipped (a seek on a seekable stream), each count
/// checked against what the object's persistent ids claim and against the bytes present.
/// </summary>
internal static class TorchLegacy
{
    /// <summary>The magic number 0x1950a86a20f9469cfc6c, little-endian, as <c>LONG1</c> stores it.</summary>
    internal static readonly byte[] Magic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <param name="stream">The file, at its start, or just after its first byte (<paramref name="first"/>) on a forward-only stream.</param>
    /// <param name="name">The summary's name.</param>
    /// <param name="options">The limits.</param>
    /// <param name="first">The first byte when it was already read, or -1.</param>
    public static TorchReadResult Read(Stream stream, string name, ModelReaderOptions options, int first = -1)
    {
        long origin = stream.CanSeek ? stream.Position : 0;
        var source = new ByteSource(stream, origin, "the file", first);
        var globals = new TorchGlobals(options);
        var storages = new Dictionary<string, TorchStorage>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["serialization"] = "legacy" };
        var header = new PickleMachine(source, options, globals, (pid, where) => throw Fail.Error(where, "the legacy header pickles hold no persistent ids"));
        if (header.Load() is not PickleBigInteger { Bytes: { } magic } || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw Fail.Error(source.At(0), "expected the pickled magic number 0x1950a86a20f9469cfc6c of a legacy PyTorch file");
        }

        object? protocol = header.Load();
        if (protocol is not 1001L)
        {
            throw Fail.Error(source.At(source.Offset), "expected the legacy protocol version 1001 but found " + (protocol is long p ? p.ToString(CultureInfo.InvariantCulture) : PickleMachine.Describe(protocol)));
        }

        metadata["legacy_protocol_version"] = "1001";
        bool little = true;
        if (header.Load() is PickleDict info && info.TryGet("little_endian", out object? endian) && endian is bool flag)
        {
            little = flag;
            metadata["little_endian"] = flag ? "True" : "False";
        }

        var body = new PickleMachine(source, options, globals, (pid, where) => Persistent(pid, where, storages, options));
        object? value = body.Load();
        long keysAt = source.Offset;
        object? keys = header.Load();
        if (keys is not PickleList list)
        {
            throw Fail.Error(source.At(keysAt), "expected the pickled list of storage keys but found " + PickleMachine.Describe(keys));
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        Span<byte> count = stackalloc byte[8];
        foreach (object? item in list.Items)
        {
            long at = source.Offset;
            if (item is not string key || !storages.TryGetValue(key, out TorchStorage? storage) || storage.ViewOf is not null)
            {
                throw Fail.Error(source.At(keysAt), "the storage key list names " + (item is string s ? "'" + s + "', which no tensor of the object refers to" : PickleMachine.Describe(item)));
            }

            listed.Add(key);
            source.Exact(count, "a storage's element count");
            long numel = little ? BinaryPrimitives.ReadInt64LittleEndian(count) : BinaryPrimitives.ReadInt64BigEndian(count);
            if (numel != storage.ElementCount)
            {
                throw Fail.Error(source.At(at), string.Format(CultureInfo.InvariantCulture, "storage '{0}' holds {1} elements here but the object's persistent id claims {2}", key, numel, storage.ElementCount));
            }

            decimal bytes = (decimal)numel * storage.ElementSize;
            if (bytes > long.MaxValue)
            {
                throw Fail.Error(source.At(at), string.Format(CultureInfo.InvariantCulture, "storage '{0}' claims {1} {2} elements, more bytes than a file can hold", key, numel, storage.DataType));
            }

            source.Skip((long)bytes, string.Format(CultureInfo.InvariantCulture, "storage '{0}' ({1} {2} elements)", key, numel, storage.DataType));
        }

        foreach (TorchStorage storage in storages.Values)
        {
            if (storage.ViewOf is null && !listed.Contains(storage.Key))
            {
                throw Fail.Error(source.At(keysAt), "the object refers to storage '" + storage.Key + "', which the storage key list does not name");
            }
        }

        if (globals.Outside.Count > 0)
        {
            metadata["outside_allow_list"] = string.Join(", ", globals.Outside);
        }

        return TorchContent.Summarize(name, ModelFileFormat.TorchLegacyCheckpoint, value, options, _ => null, metadata, "the file's object pickle");
    }

    /// <summary>
    /// A legacy persistent id: <c>('storage', storage_type, key, location, numel, view_metadata)</c>, where
    /// <c>view_metadata</c> is <c>(view_key, offset, size)</c> for a view of the storage, or <c>('module', class, file, source)</c>
    /// for a pickled module's class, whose source is kept as text and never run.
    /// </summary>
    private static object? Persistent(object? pid, string where, Dictionary<string, TorchStorage> storages, ModelReaderOptions options)
    {
        if (pid is PickleTuple { Items.Count: >= 2 } module && module.Items[0] is "module")
        {
            return module.Items[1];
        }

        if (pid is not PickleTuple { Items.Count: >= 5 } tuple || tuple.Items[0] is not "storage" || tuple.Items[1] is not PickleGlobal type || tuple.Items[2] is not string key || tuple.Items[4] is not long numel || numel < 0)
        {
            throw Fail.Error(where, "expected a persistent id ('storage', storage_type, key, location, numel, view_metadata) but found " + PickleMachine.Describe(pid));
        }

        if (!storages.TryGetValue(key, out TorchStorage? root))
        {
            if (storages.Count >= options.MaxTensors)
            {
                throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the pickle refers to more than the {0:N0} storages ModelReaderOptions.MaxTensors allows", options.MaxTensors));
            }

            (string dataType, int size) = TorchGlobals.StorageType(type) ?? throw Fail.Error(where, "expected a storage type (torch.FloatStorage, torch.HalfStorage, ...) but found " + type.FullName);
            root = new TorchStorage(key, dataType, size, numel, tuple.Items[3] as string ?? "cpu", where);
            storages.Add(key, root);
        }

        if (tuple.Items.Count < 6 || tuple.Items[5] is null)
        {
            return root;
        }

        if (tuple.Items[5] is not PickleTuple { Items.Count: 3 } view || view.Items[0] is not string viewKey || view.Items[1] is not long offset || view.Items[2] is not long viewSize
            || offset < 0 || viewSize < 0 || offset > root.ElementCount - viewSize)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "expected a storage view (view_key, offset, size) inside the {0} elements of storage '{1}'", root.ElementCount, key));
        }

        string viewName = "view " + viewKey;
        if (!storages.TryGetValue(viewName, out TorchStorage? viewStorage))
        {
            viewStorage = new TorchStorage(viewKey, root.DataType, root.ElementSize, viewSize, root.Location, where) { ViewOf = (root, offset) };
            storages.Add(viewName, viewStorage);
        }

        return viewStorage;
    }
}
