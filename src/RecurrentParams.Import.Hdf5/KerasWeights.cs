using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using H5Object = RecurrentParams.Import.Hdf5.Format.H5Object;
using H5ObjectKind = RecurrentParams.Import.Hdf5.Format.H5ObjectKind;
using H5ValueReader = RecurrentParams.Import.Hdf5.Format.H5ValueReader;
using PureHDF;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Hdf5;

/// <summary>
/// Reads the weight values of Keras HDF5 files (<c>.keras</c> archives, legacy <c>.h5</c> saves, <c>*.weights.h5</c>), names
/// them as <see cref="WeightMap"/> does, and writes Keras 3 <c>*.weights.h5</c> files that <c>model.load_weights</c> loads.
/// </summary>
/// <remarks>
/// <para>
/// Reading is bounded like the readers: every dataset's size is checked against the bytes the file holds, the total
/// against <see cref="ModelReaderOptions.MaxWeightBytes"/>, before a value is read; a compressed <c>model.weights.h5</c> is
/// inflated only up to <see cref="ModelReaderOptions.MaxInflatedBytes"/>. Writing uses PureHDF and follows the layout of Keras
/// 3's <c>saving_lib</c>: <c>layers/&lt;name&gt;/vars/&lt;k&gt;</c>, a recurrent layer's cell under <c>layers/&lt;name&gt;/cell/vars</c>, a
/// <c>Bidirectional</c>'s under <c>forward_layer</c> and <c>backward_layer</c>.
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class KerasWeights
{
    private const string WeightsEntry = "model.weights.h5";
    private const int MaxObjects = 100_000;

    /// <summary>Reads every floating-point dataset of a Keras HDF5 file (<c>.h5</c> or <c>*.weights.h5</c>), named by its HDF5 path.</summary>
    /// <param name="stream">A readable stream positioned at the file; it is not closed. A stream that cannot seek is first read into memory, up to <see cref="ModelReaderOptions.MaxWeightBytes"/> plus <see cref="ModelReaderOptions.MaxDocumentBytes"/>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The datasets as 32-bit floats, e.g. <c>layers/lstm/cell/vars/0</c> or <c>model_weights/lstm/lstm/lstm_cell/kernel:0</c>; <see cref="Resolve"/> names them by layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The file is not readable HDF5, a dataset claims more bytes than the file holds, or a limit is exceeded; the message names the dataset and the option.</exception>
    public static IReadOnlyList<NamedTensor> Read(Stream stream, ModelReaderOptions? options = null)
    {
        ModelReaderOptions limits = Readable(stream, options);
        using Stream seekable = Seekable(stream, limits, "the file");
        return ReadHdf5(seekable, limits, "the file");
    }

    /// <summary>Reads the weight values of a <c>.keras</c> archive: the floating-point datasets of its <c>model.weights.h5</c>.</summary>
    /// <param name="stream">A readable stream positioned at the archive; it is not closed.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The datasets, e.g. <c>layers/lstm/cell/vars/0</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The archive is malformed or has no <c>model.weights.h5</c>, the entry is encrypted or inflates past the limit, or as for <see cref="Read"/>.</exception>
    public static IReadOnlyList<NamedTensor> ReadArchive(Stream stream, ModelReaderOptions? options = null)
    {
        ModelReaderOptions limits = Readable(stream, options);
        using Stream seekable = Seekable(stream, limits, "the archive");
        using Stream entry = OpenEntry(seekable, WeightsEntry, limits);
        return ReadHdf5(entry, limits, WeightsEntry);
    }

    /// <summary>Reads the weight values of a Keras file: a <c>.keras</c> archive (recognised by its zip signature), a legacy <c>.h5</c> or a <c>*.weights.h5</c>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The datasets, named by their HDF5 paths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">As for <see cref="Read"/> and <see cref="ReadArchive"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IReadOnlyList<NamedTensor> ReadFile(string path, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return IsZip(stream) ? ReadArchive(stream, options) : Read(stream, options);
    }

    /// <summary>Names stored datasets by layer, as <see cref="WeightMap.ForModel"/> names Keras tensors: <c>lstm/lstm_cell/kernel</c>, <c>bi/forward_gru/gru_cell/bias</c>, <c>dense/kernel</c>.</summary>
    /// <param name="model">The Keras model the weights belong to (from a reader or <see cref="KerasModelBuilder"/>).</param>
    /// <param name="stored">The datasets as <see cref="Read"/> returns them: Keras 3 (<c>layers/...</c>) or legacy (<c>model_weights/...</c>, or the layers at the root).</param>
    /// <returns>The model's tensors that the file holds, in the model's order; a layer the file lacks is simply absent (<see cref="WeightMap.Apply"/> then names it).</returns>
    /// <exception cref="ArgumentNullException">An argument is, or holds, <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a Keras model.</exception>
    public static IReadOnlyList<NamedTensor> Resolve(ModelSummary model, IEnumerable<NamedTensor> stored)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(stored, nameof(stored));
        if (model.Convention != Convention.Keras)
        {
            Guard.ThrowArgument(nameof(model), "'model' must be a Keras model; got a PyTorch model.");
        }

        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in stored)
        {
            Guard.NotNull(tensor, nameof(stored));
            byName[tensor.Name] = tensor;
        }

        bool keras3 = byName.Keys.Any(n => n.StartsWith("layers/", StringComparison.Ordinal));
        var result = new List<NamedTensor>();
        foreach ((LayerSummary row, string group) in Groups(model).Where(g => g.Row.Weights.Count > 0))
        {
            foreach ((string canonical, string storage) in Places(row, keras3 ? group : null, byName.Keys))
            {
                if (byName.TryGetValue(storage, out NamedTensor? found))
                {
                    result.Add(new NamedTensor(canonical, found.Shape, found.Values.ToArray()));
                }
            }
        }

        return result;
    }

    /// <summary>Writes a Keras 3 <c>*.weights.h5</c> file for a Keras model, from tensors named as <see cref="WeightMap"/> names them.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="model">The Keras model, e.g. <see cref="WeightMap.TargetModel"/> of a PyTorch model's map (its JSON is <see cref="KerasJson.Write"/>).</param>
    /// <param name="tensors">The tensors, e.g. from <see cref="WeightMap.Apply"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is, or holds, <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a Keras model, or a weight of the model has no tensor of its name and shape.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    public static void Write(Stream stream, ModelSummary model, IEnumerable<NamedTensor> tensors)
    {
        Guard.NotNull(stream, nameof(stream));
        if (!stream.CanWrite)
        {
            Guard.ThrowArgument(nameof(stream), "'stream' must be writable.");
        }

        H5File file = Build(model, tensors);

        // PureHDF writes through seeks; a forward-only stream gets the finished bytes.
        if (stream.CanSeek)
        {
            file.Write(stream);
            return;
        }

        using var buffer = new MemoryStream();
        file.Write(buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>Writes a Keras 3 <c>*.weights.h5</c> file, replacing it.</summary>
    /// <param name="path">The file's path, e.g. <c>model.weights.h5</c> (Keras 3 requires that ending).</param>
    /// <param name="model">The Keras model.</param>
    /// <param name="tensors">The tensors, named as <see cref="WeightMap"/> names them.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or as for <see cref="Write"/>.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created.</exception>
    public static void WriteFile(string path, ModelSummary model, IEnumerable<NamedTensor> tensors)
    {
        Guard.NotEmpty(path, nameof(path));
        H5File file = Build(model, tensors);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        file.Write(stream);
    }

    internal static bool IsZip(Stream stream)
    {
        long start = stream.Position;
        byte[] magic = new byte[4];
        int read = stream.Read(magic, 0, 4);
        stream.Position = start;
        return read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }

    /// <summary>Opens an archive entry: a stored entry in place, a deflated one inflated against <see cref="ModelReaderOptions.MaxInflatedBytes"/>.</summary>
    internal static Stream OpenEntry(Stream archive, string name, ModelReaderOptions options)
    {
        long start = archive.Position;
        ZipEntryLocation? location = ZipLocator.Find(archive, name) ?? throw new ModelFormatException("expected an entry " + name + " (a .keras archive keeps its weights there)", "the archive's central directory", null);
        archive.Position = start;
        if ((location.Flags & 1) != 0)
        {
            throw new ModelFormatException("the entry is encrypted", name, null);
        }

        if (location.Method == 0)
        {
            return new StreamWindow(archive, location.DataOffset, location.CompressedSize);
        }

        if (location.Method is not (8 or 9))
        {
            throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the entry uses compression method {0}; stored (0) and deflated (8, 9) entries are read", location.Method), name, null);
        }

        if (location.UncompressedSize > options.MaxInflatedBytes)
        {
            throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the entry inflates to {0} bytes, more than the {1} ModelReaderOptions.MaxInflatedBytes allows", location.UncompressedSize, options.MaxInflatedBytes), name, null);
        }

        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new ModelFormatException("System.IO.Compression does not find the entry the central directory holds", name, null);
            using Stream data = entry.Open();
            return Bounded(data, location.UncompressedSize, name);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException("the archive does not open or the entry does not inflate: " + e.Message, name, e);
        }
    }

    private static ModelReaderOptions Readable(Stream stream, ModelReaderOptions? options)
    {
        Guard.NotNull(stream, nameof(stream));
        if (!stream.CanRead)
        {
            StreamInput.CheckReadable(stream, nameof(stream));
        }

        return options ?? ModelReaderOptions.Default;
    }

    /// <summary>Returns a seekable view: the stream itself (not to be disposed by the caller's using) or its bytes read in growing pieces.</summary>
    private static Stream Seekable(Stream stream, ModelReaderOptions options, string where)
    {
        if (stream.CanSeek)
        {
            return new StreamWindow(stream, stream.Position, stream.Length - stream.Position);
        }

        long limit = Math.Min(int.MaxValue, options.MaxWeightBytes > long.MaxValue - options.MaxDocumentBytes ? long.MaxValue : options.MaxWeightBytes + options.MaxDocumentBytes);
        return Bounded(stream, limit, where, exact: false);
    }

    private static MemoryStream Bounded(Stream data, long limit, string where, bool exact = true)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = data.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ModelFormatException(
                    exact
                        ? string.Format(CultureInfo.InvariantCulture, "the entry inflates to more than the {0} bytes its headers declare", limit)
                        : string.Format(CultureInfo.InvariantCulture, "the stream cannot seek and is longer than the {0} bytes buffered (ModelReaderOptions.MaxWeightBytes + MaxDocumentBytes); pass a seekable stream or a path", limit),
                    where,
                    null);
            }

            buffer.Write(chunk, 0, read);
        }

        if (exact && buffer.Length != limit)
        {
            throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the entry inflates to {0} bytes, but its headers declare {1}", buffer.Length, limit), where, null);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The file address and width of every field read when reading the values of <paramref name="file"/> (the fuzzer mutates those).</summary>
    internal static IReadOnlyList<(long Offset, int Width)> FieldMap(byte[] file)
    {
        var fields = new List<(long, int)>();
        try
        {
            ReadHdf5(new MemoryStream(file, writable: false), ModelReaderOptions.Default, "the file", (at, width) => fields.Add((at, width)));
        }
        catch (ModelFormatException)
        {
            // The fields read before the refusal are the map.
        }

        return fields.Distinct().ToList();
    }

    private static List<NamedTensor> ReadHdf5(Stream stream, ModelReaderOptions options, string where, Action<long, int>? trace = null)
    {
        var file = new Format.H5File(stream, where, trace);
        var state = new WalkState(file, options);
        Walk(state.Open(file.Root, where), string.Empty, 0, state, where);
        return state.Tensors;
    }

    private static void Walk(H5Object group, string path, int depth, WalkState state, string where)
    {
        if (depth > state.Options.MaxDepth)
        {
            throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "groups nest deeper than the {0} levels ModelReaderOptions.MaxDepth allows", state.Options.MaxDepth), where + ": " + path, null);
        }

        foreach ((string name, long address) in group.Links())
        {
            string childPath = path.Length == 0 ? name : path + "/" + name;
            string at = where + ": " + childPath;
            if (++state.Visited > MaxObjects)
            {
                throw new ModelFormatException("more than " + MaxObjects.ToString(CultureInfo.InvariantCulture) + " objects", at, null);
            }

            if (name.Length == 0)
            {
                throw new ModelFormatException("a link of the group has an empty name", at, null);
            }

            if (childPath.Length > state.Options.MaxNameLength)
            {
                throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the path has {0} characters, more than the {1} ModelReaderOptions.MaxNameLength allows", childPath.Length, state.Options.MaxNameLength), at, null);
            }

            H5Object child = state.Open(address, at);
            if (child.Kind == H5ObjectKind.Group)
            {
                Walk(child, childPath, depth + 1, state, where);
            }
            else if (child.Kind == H5ObjectKind.Dataset && H5ValueReader.IsFloat(child.Datatype))
            {
                if (state.Tensors.Count >= state.Options.MaxTensors)
                {
                    throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "more than the {0} tensors ModelReaderOptions.MaxTensors allows", state.Options.MaxTensors), at, null);
                }

                long[] dims = child.Dataspace.Dimensions.Select(d => d > long.MaxValue ? throw new ModelFormatException("a dimension does not fit in a 64-bit integer", at, null) : (long)d).ToArray();
                float[] values = state.Values.Read(child, childPath);
                var shape = new TensorShape(dims);
                if (values.LongLength != shape.ElementCount)
                {
                    // A damaged layout or dataspace can disagree with the data read; never hand a mismatch on as values.
                    throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the dataset holds {0} values but its dataspace {1} needs {2}", values.LongLength, shape, shape.ElementCount), at, null);
                }

                state.Tensors.Add(new NamedTensor(childPath, shape, values));
            }
        }
    }

    /// <summary>
    /// Pairs each layer with the group Keras 3 keeps it in: <c>layers/</c> and the snake-cased class name, numbered from the
    /// second layer of a class (<c>dense</c>, <c>dense_1</c>), as <c>saving_lib</c> names the items of a model's layer list.
    /// </summary>
    private static IEnumerable<(LayerSummary Row, string Group)> Groups(ModelSummary model)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (LayerSummary row in model.Rows)
        {
            string name = SnakeCase(row.ClassName);
            if (used.TryGetValue(name, out int count))
            {
                used[name] = ++count;
                name += "_" + Invariant(count);
            }
            else
            {
                used[name] = 0;
            }

            yield return (row, "layers/" + name);
        }
    }

    /// <summary>Keras' <c>naming.to_snake_case</c>: <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>LSTM</c> → <c>lstm</c>.</summary>
    private static string SnakeCase(string name)
    {
        string result = Regex.Replace(name, @"\W+", string.Empty, RegexOptions.CultureInvariant);
        result = Regex.Replace(result, "(.)([A-Z][a-z]+)", "$1_$2", RegexOptions.CultureInvariant);
        return Regex.Replace(result, "([a-z])([A-Z])", "$1_$2", RegexOptions.CultureInvariant).ToLowerInvariant();
    }

    /// <summary>The canonical name and the storage path of each weight of a row; <paramref name="group"/> is the Keras 3 group, or <see langword="null"/> for a legacy save.</summary>
    private static IEnumerable<(string Canonical, string Storage)> Places(LayerSummary row, string? group, IEnumerable<string> stored)
    {
        var canonical = row.Weights.Select(w => Canonical(row.Name, w.Path)).ToArray();
        if (group is not null)
        {
            int forward = 0;
            int backward = 0;
            int plain = 0;
            for (int k = 0; k < row.Weights.Count; k++)
            {
                string weightPath = row.Weights[k].Path;
                string storage = weightPath.StartsWith("forward_", StringComparison.Ordinal) ? group + "/forward_layer/cell/vars/" + Invariant(forward++)
                    : weightPath.StartsWith("backward_", StringComparison.Ordinal) ? group + "/backward_layer/cell/vars/" + Invariant(backward++)
                    : weightPath.EndsWith("_cell/" + weightPath.Split('/').Last(), StringComparison.Ordinal) ? group + "/cell/vars/" + Invariant(plain++)
                    : group + "/vars/" + Invariant(plain++);
                yield return (canonical[k], storage);
            }

            yield break;
        }

        // Legacy saves keep each layer's weights under model_weights/<layer>/ (or <layer>/ at the root), one folder per
        // model the layer was built in, the names ending in ':0' in Keras 2.
        string[] roots = ["model_weights/" + row.Name + "/", row.Name + "/"];
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string storage in stored.Where(s => roots.Any(r => s.StartsWith(r, StringComparison.Ordinal))))
        {
            string relative = storage.Substring(roots.First(r => storage.StartsWith(r, StringComparison.Ordinal)).Length);
            found.TryAdd(Canonical(row.Name, relative.EndsWith(":0", StringComparison.Ordinal) ? relative.Substring(0, relative.Length - 2) : relative, legacy: true), storage);
        }

        foreach (string name in canonical)
        {
            if (found.TryGetValue(name, out string? storage))
            {
                yield return (name, storage);
            }
        }
    }

    /// <summary>Names a weight <c>layer/path</c>, a Bidirectional's <c>layer/forward_&lt;cell&gt;/&lt;cell&gt;_cell/name</c> whatever the wrapped layer is called.</summary>
    private static string Canonical(string layer, string path, bool legacy = false)
    {
        string[] segments = path.Split('/');
        string last = segments[segments.Length - 1];
        string? cell = segments.Length >= 2 && segments[segments.Length - 2].EndsWith("_cell", StringComparison.Ordinal) ? segments[segments.Length - 2] : null;
        string? direction = segments.Any(s => s.StartsWith("forward_", StringComparison.Ordinal)) ? "forward_"
            : segments.Any(s => s.StartsWith("backward_", StringComparison.Ordinal)) ? "backward_" : null;
        if (cell is null)
        {
            return layer + "/" + (legacy ? last : path);
        }

        string stem = cell.Substring(0, cell.Length - "_cell".Length);
        return layer + "/" + (direction is null ? string.Empty : direction + stem + "/") + cell + "/" + last;
    }

    private static H5File Build(ModelSummary model, IEnumerable<NamedTensor> tensors)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(tensors, nameof(tensors));
        if (model.Convention != Convention.Keras)
        {
            Guard.ThrowArgument(nameof(model), "'model' must be a Keras model; got a PyTorch model.");
        }

        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (NamedTensor tensor in tensors)
        {
            Guard.NotNull(tensor, nameof(tensors));
            byName[tensor.Name] = tensor;
        }

        var layers = new H5Group();
        foreach ((LayerSummary row, string path) in Groups(model).Where(g => g.Row.ClassName != "InputLayer"))
        {
            var group = new H5Group { ["vars"] = Vars(row.Name) };
            foreach ((string canonical, string storage) in Places(row, path, []))
            {
                WeightTensor weight = row.Weights[Array.FindIndex(row.Weights.ToArray(), w => Canonical(row.Name, w.Path) == canonical)];
                if (!byName.TryGetValue(canonical, out NamedTensor? tensor) || !tensor.Shape.Equals(weight.Shape))
                {
                    Guard.ThrowArgument(nameof(tensors), "'tensors' has no tensor '" + canonical + "' " + weight.Shape + " for layer '" + row.Name + "'" + (tensor is null ? "." : "; it has shape " + tensor.Shape + "."));
                }

                string[] parts = storage.Split('/');
                H5Group at = group;
                for (int k = 2; k < parts.Length - 1; k++)
                {
                    if (!at.TryGetValue(parts[k], out object? next))
                    {
                        next = parts[k] == "vars" ? Vars(VarsName(row, parts, k, canonical)) : new H5Group();
                        at[parts[k]] = next;
                    }

                    at = (H5Group)next;
                }

                at[parts[parts.Length - 1]] = new H5Dataset(tensor.Values.ToArray(), fileDims: tensor.Shape.Dimensions.Select(d => (ulong)d).ToArray());
            }

            layers[path.Substring("layers/".Length)] = group;
        }

        return new H5File { ["layers"] = layers, ["vars"] = Vars(model.Name) };
    }

    /// <summary>The name Keras records on a <c>vars</c> group: the cell's (<c>lstm_cell</c>) or the wrapped layer's (<c>forward_lstm</c>).</summary>
    private static string VarsName(LayerSummary row, string[] parts, int index, string canonical)
    {
        string[] names = canonical.Split('/');
        return parts[index - 1] == "cell" ? names[names.Length - 2] : row.Name;
    }

    private static H5Group Vars(string name) => new() { Attributes = new Dictionary<string, object> { ["name"] = name } };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The file being read, the objects opened (each once: Keras files are trees), the limits and the tensors read.</summary>
    private sealed class WalkState
    {
        private readonly Format.H5File file;
        private readonly HashSet<long> opened = [];

        public WalkState(Format.H5File file, ModelReaderOptions options)
        {
            this.file = file;
            Options = options;
            Values = new H5ValueReader(file, options);
        }

        public ModelReaderOptions Options { get; }

        public H5ValueReader Values { get; }

        public List<NamedTensor> Tensors { get; } = [];

        public int Visited { get; set; }

        public H5Object Open(long address, string where)
        {
            if (!opened.Add(address))
            {
                throw file.Error(address, where + " is an object already reached through another link (a cycle, or a group linked twice); Keras files are trees");
            }

            return new H5Object(file, address, Options.MaxNameLength);
        }
    }
}
