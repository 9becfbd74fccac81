using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Torch.Pickle;

namespace RecurrentParams.Import.Torch;

/// <summary>The zip formats: <c>torch.save</c> (PyTorch ≥ 1.6) and <c>torch.jit.save</c>. Only the central directory, small records and pickles are read; every storage entry's size is checked against its tensor's claims from the directory alone.</summary>
internal static class TorchZip
{
    private static readonly Regex ScriptClass = new(@"^class (?<name>[A-Za-z_][A-Za-z0-9_]*)\(", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    private static readonly Regex ScriptList = new(@"^\s+__(?<kind>parameters|buffers)__ = \[(?<items>[^\]]*)\]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    private static readonly Regex Quoted = new("\"(?<item>[^\"]*)\"", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    public static TorchReadResult Read(Stream archive, string name, ModelReaderOptions options)
    {
        ZipDirectory directory = ZipLocator.List(archive, options.MaxTensors, "ModelReaderOptions.MaxTensors");
        var byName = new Dictionary<string, ZipDirectoryEntry>(StringComparer.Ordinal);
        foreach (ZipDirectoryEntry entry in directory.Entries)
        {
            if (!byName.TryGetValue(entry.Name, out _))
            {
                byName[entry.Name] = entry;
            }
        }

        string[] pickles = directory.Entries.Select(e => e.Name).Where(n => n == "data.pkl" || (n.EndsWith("/data.pkl", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - 9)).Distinct().ToArray();
        if (pickles.Length != 1)
        {
            throw Fail.Error("the archive's central directory", pickles.Length == 0
                ? "expected an entry <archive>/data.pkl; a zip without one is not a PyTorch checkpoint"
                : "expected one <archive>/data.pkl entry but found " + string.Join(", ", pickles));
        }

        string root = pickles[0].Substring(0, pickles[0].Length - "data.pkl".Length);
        bool script = byName.ContainsKey(root + "constants.pkl") || directory.Entries.Any(e => e.Name.StartsWith(root + "code/", StringComparison.Ordinal));
        ModelFileFormat format = script ? ModelFileFormat.TorchScript : ModelFileFormat.TorchCheckpoint;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["serialization"] = script ? "torchscript" : "zip",
            ["archive"] = root.TrimEnd('/'),
        };
        foreach (string record in new[] { "version", ".data/version", "byteorder" })
        {
            if (byName.TryGetValue(root + record, out ZipDirectoryEntry? small) && small.UncompressedSize <= 64)
            {
                metadata[record.TrimStart('.').Replace("data/", "data_")] = Encoding.UTF8.GetString(Entry(archive, small, directory.DirectoryOffset, 64, "64-byte record")).Trim();
            }
        }

        var globals = new TorchGlobals(options);
        var storages = new Dictionary<string, TorchStorage>(StringComparer.Ordinal);
        object? value = Unpickle(archive, directory, byName, root, "data.pkl", "data/", options, globals, storages);
        if (script && byName.ContainsKey(root + "constants.pkl"))
        {
            object? constants = Unpickle(archive, directory, byName, root, "constants.pkl", "constants/", options, globals, new Dictionary<string, TorchStorage>(StringComparer.Ordinal));
            List<TorchTensor> constantTensors = TorchContent.Reachable(constants, options, root + "constants.pkl");
            if (constantTensors.Count > 0)
            {
                metadata["constants"] = constantTensors.Count.ToString(CultureInfo.InvariantCulture);
            }
        }

        Dictionary<string, (ISet<string>, ISet<string>)> lists = script ? Code(archive, directory, root, options, metadata) : [];
        if (globals.Outside.Count > 0)
        {
            metadata["outside_allow_list"] = string.Join(", ", globals.Outside);
        }

        return TorchContent.Summarize(name, format, value, options, g => lists.TryGetValue(g.FullName, out var found) ? found : null, metadata, root + "data.pkl");
    }

    private static object? Unpickle(Stream archive, ZipDirectory directory, Dictionary<string, ZipDirectoryEntry> byName, string root, string pickle, string storageFolder, ModelReaderOptions options, TorchGlobals globals, Dictionary<string, TorchStorage> storages)
    {
        ZipDirectoryEntry entry = byName[root + pickle];
        byte[] bytes = Entry(archive, entry, directory.DirectoryOffset, options.MaxDocumentBytes, "bytes ModelReaderOptions.MaxDocumentBytes allows in one pickle");
        using var memory = new MemoryStream(bytes, writable: false);
        var source = new ByteSource(memory, 0, entry.Name);
        var machine = new PickleMachine(source, options, globals, (pid, where) => Storage(pid, where, byName, root + storageFolder, storages, options));
        return machine.Load();
    }

    /// <summary>A persistent id <c>('storage', storage_type, key, location, numel)</c>: the storage, its entry's size checked against <c>numel</c> × the element size.</summary>
    private static TorchStorage Storage(object? pid, string where, Dictionary<string, ZipDirectoryEntry> byName, string folder, Dictionary<string, TorchStorage> storages, ModelReaderOptions options)
    {
        if (pid is not PickleTuple { Items.Count: >= 5 } tuple || tuple.Items[0] is not "storage" || tuple.Items[1] is not PickleGlobal type || tuple.Items[2] is not string key || tuple.Items[4] is not long numel)
        {
            throw Fail.Error(where, "expected a persistent id ('storage', storage_type, key, location, numel) but found " + PickleMachine.Describe(pid));
        }

        if (storages.TryGetValue(key, out TorchStorage? known))
        {
            return known;
        }

        if (storages.Count >= options.MaxTensors)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "the pickle refers to more than the {0:N0} storages ModelReaderOptions.MaxTensors allows", options.MaxTensors));
        }

        (string dataType, int size) = TorchGlobals.StorageType(type) ?? throw Fail.Error(where, "expected a storage type (torch.FloatStorage, torch.HalfStorage, ...) but found " + type.FullName);
        if (numel < 0)
        {
            throw Fail.Error(where, "storage '" + key + "' claims a negative element count");
        }

        if (!byName.TryGetValue(folder + key, out ZipDirectoryEntry? entry))
        {
            throw Fail.Error(where, "the pickle refers to storage '" + key + "', but the archive has no entry " + folder + key);
        }

        decimal needed = (decimal)numel * size;
        if (needed != entry.UncompressedSize)
        {
            throw Fail.Error(entry.Name, string.Format(CultureInfo.InvariantCulture, "storage '{0}' claims {1} {2} elements ({3} bytes) but the entry holds {4} bytes", key, numel, dataType, needed, entry.UncompressedSize));
        }

        var storage = new TorchStorage(key, dataType, size, numel, tuple.Items[3] as string ?? "cpu", where);
        storages.Add(key, storage);
        return storage;
    }

    /// <summary>The bytes of a small entry (a pickle, a record), stored or deflated, refused past <paramref name="limit"/> bytes.</summary>
    private static byte[] Entry(Stream archive, ZipDirectoryEntry entry, long directoryOffset, long limit, string limitText)
    {
        if ((entry.Flags & 1) != 0)
        {
            throw Fail.Error(entry.Name, "the entry is encrypted");
        }

        if (entry.UncompressedSize > limit)
        {
            throw Fail.Error(entry.Name, string.Format(CultureInfo.InvariantCulture, "the entry holds {0} bytes, more than the {1:N0} {2}", entry.UncompressedSize, limit, limitText));
        }

        ZipEntryLocation location = ZipLocator.Locate(archive, entry, directoryOffset);
        archive.Position = location.DataOffset;
        if (location.Method == 0)
        {
            byte[] stored = new byte[location.CompressedSize];
            StreamInput.ReadExactly(archive, stored, stored.Length, location.DataOffset);
            return stored;
        }

        if (location.Method != 8)
        {
            throw Fail.Error(entry.Name, "the entry uses compression method " + location.Method.ToString(CultureInfo.InvariantCulture) + "; only stored (0) and deflated (8) entries are read");
        }

        // Inflate against the claim and the limit: a bomb stops at the first byte past them.
        using var window = new MemoryStream(ReadCompressed(archive, location), writable: false);
        using var inflate = new DeflateStream(window, CompressionMode.Decompress);
        byte[] data = new byte[Math.Min(location.UncompressedSize, 64 * 1024)];
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == data.Length)
                {
                    if (filled >= location.UncompressedSize)
                    {
                        if (inflate.ReadByte() >= 0)
                        {
                            throw Fail.Error(entry.Name, string.Format(CultureInfo.InvariantCulture, "the entry inflates to more than the {0} bytes its header claims", location.UncompressedSize));
                        }

                        break;
                    }

                    Array.Resize(ref data, (int)Math.Min(location.UncompressedSize, (long)data.Length * 2));
                }

                int got = inflate.Read(data, filled, data.Length - filled);
                if (got == 0)
                {
                    break;
                }

                filled += got;
            }
        }
        catch (InvalidDataException e)
        {
            throw Fail.Error(entry.Name, "the deflated data is damaged: " + e.Message, e);
        }

        if (filled != location.UncompressedSize)
        {
            throw Fail.Error(entry.Name, string.Format(CultureInfo.InvariantCulture, "the entry inflates to {0} bytes but its header claims {1}", filled, location.UncompressedSize));
        }

        return data;
    }

    private static byte[] ReadCompressed(Stream archive, ZipEntryLocation location)
    {
        if (location.CompressedSize > location.UncompressedSize + (location.UncompressedSize / 64) + 1024)
        {
            throw Fail.Error("the archive", string.Format(CultureInfo.InvariantCulture, "a deflated entry of {0} bytes claims to inflate to only {1}; deflate never grows data that much", location.CompressedSize, location.UncompressedSize));
        }

        byte[] compressed = new byte[location.CompressedSize];
        archive.Position = location.DataOffset;
        StreamInput.ReadExactly(archive, compressed, compressed.Length, location.DataOffset);
        return compressed;
    }

    /// <summary>
    /// The <c>__parameters__</c> and <c>__buffers__</c> each TorchScript class declares in <c>code/</c>, read as text and
    /// never run, keyed by the class's qualified name; the files are inflated within <see cref="ModelReaderOptions.MaxInflatedBytes"/>.
    /// </summary>
    private static Dictionary<string, (ISet<string>, ISet<string>)> Code(Stream archive, ZipDirectory directory, string root, ModelReaderOptions options, Dictionary<string, string> metadata)
    {
        var lists = new Dictionary<string, (ISet<string>, ISet<string>)>(StringComparer.Ordinal);
        long budget = options.MaxInflatedBytes;
        string folder = root + "code/";
        foreach (ZipDirectoryEntry entry in directory.Entries)
        {
            if (!entry.Name.StartsWith(folder, StringComparison.Ordinal) || !entry.Name.EndsWith(".py", StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.UncompressedSize > budget)
            {
                metadata["torchscript_code"] = "not all read: the code files hold more than ModelReaderOptions.MaxInflatedBytes; parameters were told from buffers by requires_grad where the code was not read";
                break;
            }

            budget -= entry.UncompressedSize;
            string module = entry.Name.Substring(folder.Length, entry.Name.Length - folder.Length - 3).Replace('/', '.');
            string text = Encoding.UTF8.GetString(Entry(archive, entry, directory.DirectoryOffset, entry.UncompressedSize, "bytes of the code file"));
            string? current = null;
            foreach (string line in text.Split('\n'))
            {
                Match cls = ScriptClass.Match(line);
                if (cls.Success)
                {
                    current = module + "." + cls.Groups["name"].Value;
                    lists[current] = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                    continue;
                }

                Match list = current is null ? Match.Empty : ScriptList.Match(line);
                if (list.Success)
                {
                    (ISet<string> parameters, ISet<string> buffers) = lists[current!];
                    ISet<string> target = list.Groups["kind"].Value == "parameters" ? parameters : buffers;
                    foreach (Match item in Quoted.Matches(list.Groups["items"].Value))
                    {
                        target.Add(item.Groups["item"].Value);
                    }
                }
            }
        }

        if (!metadata.ContainsKey("torchscript_code"))
        {
            metadata["torchscript_code"] = lists.Count.ToString(CultureInfo.InvariantCulture) + " classes; parameters and buffers as their __parameters__ and __buffers__ declare";
        }

        return lists;
    }
}
