using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Hdf5.Format;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;

namespace RecurrentParams.Import.Hdf5;

/// <summary>Reads a legacy Keras HDF5 save (<c>.h5</c>), or the <c>model.weights.h5</c> of a Keras 3 <c>.keras</c> archive: the topology and the shapes of the weight datasets, never their values.</summary>
/// <remarks>
/// <para>The topology is summarized as <see cref="KerasModelReader"/> reads Keras JSON (the <c>keras_version</c> attribute
/// picks the GRU <c>reset_after</c> default). Every dataset under <c>model_weights</c> becomes one of
/// <see cref="ImportedModel.Tensors"/>, so <see cref="ImportedModel.CountsAgree"/> cross-checks the topology against what
/// was saved; a file without <c>model_weights</c> has <see cref="ImportedModel.StoredParams"/> <see langword="null"/>.
/// A weights-only file (<c>save_weights()</c>: legacy layer groups at the root, or a Keras 3 <c>*.weights.h5</c> with
/// <c>layers</c> and <c>vars</c>) has no topology: its recurrent layers are recovered from the weights' names and shapes
/// by <see cref="KerasArchitecture"/>, the other weights are summarized as <c>Tensors</c> rows per layer, and
/// <see cref="ImportedModel.Metadata"/> says so under <c>topology</c>.</para>
/// <para>A <c>.keras</c> archive's topology is read by <see cref="KerasArchiveReader"/>; its <c>model.weights.h5</c>
/// entry, which Keras stores uncompressed, is read in place: the zip's end record, the entry's central directory header
/// and its local header locate the bytes, and the HDF5 reader sees only that range of the archive. The datasets under
/// <c>layers</c> and <c>vars</c> are the model's; an <c>optimizer</c> group is not counted. A compressed entry (an
/// archive zipped again) is inflated in memory up to <see cref="ModelReaderOptions.MaxInflatedBytes"/> (64 MiB by
/// default), in chunks that grow with what the inflater produces; a larger one, or an archive without the entry, is
/// summarized without the cross-check, and <see cref="ImportedModel.Metadata"/> says why under <c>weights</c>.</para>
/// <para>The HDF5 structures are read by a bounded reader of the library's own (superblock versions 0 to 3, object
/// headers 1 and 2, symbol-table and link groups with compact or dense links, compact and dense attributes,
/// variable-length strings in the global heap, a dataset's dataspace and datatype): nothing a structure claims is
/// allocated before it is checked against the file, all reads together stay under four times the file's size plus
/// 1 MiB, and cycles are refused. Groups nest at most <see cref="ModelReaderOptions.MaxDepth"/> levels, at most
/// <see cref="ModelReaderOptions.MaxTensors"/> datasets are listed, names are at most
/// <see cref="ModelReaderOptions.MaxNameLength"/> characters, and <c>model_config</c> is read up to
/// <see cref="ModelReaderOptions.MaxDocumentBytes"/>. Shared messages, huge fractal heap objects and nested fractal heap
/// indirect blocks, which Keras files do not use, are refused with <see cref="ModelFormatException"/>. A stream that
/// cannot seek is buffered in memory up to <see cref="ModelReaderOptions.MaxBufferedBytes"/>. All members are
/// thread-safe.</para>
/// </remarks>
public static partial class KerasHdf5Reader
{
    /// <summary>Reads an <c>.h5</c> save from a stream.</summary>
    /// <param name="stream">A readable stream positioned at the file's start; it is not closed.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the weight datasets' shapes and their count, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.KerasHdf5"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The file is not HDF5 or is damaged, is past a limit of <paramref name="options"/>, has neither <c>model_config</c> nor weight datasets, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
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
            return FromStream(window, "weights", options, null);
        }

        using ChunkedStream buffer = Buffer(stream, "the file", options);
        return FromStream(buffer, "weights", options, null);
    }

    /// <summary>Reads an <c>.h5</c> save from a file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.h5</c>.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the weight datasets' shapes and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is not HDF5 or is damaged, is past a limit of <paramref name="options"/>, has neither <c>model_config</c> nor weight datasets, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return FromStream(stream, Path.GetFileNameWithoutExtension(path) is { Length: > 0 } name ? name : "weights", options ?? ModelReaderOptions.Default, null);
    }

    /// <summary>The file address and width of every field the reader decodes in <paramref name="file"/> (the fuzzer mutates those).</summary>
    internal static IReadOnlyList<(long Offset, int Width)> FieldMap(byte[] file)
    {
        var fields = new List<(long, int)>();
        try
        {
            FromStream(new MemoryStream(file, writable: false), "weights", ModelReaderOptions.Default, (at, width) => fields.Add((at, width)));
        }
        catch (ModelFormatException)
        {
            // The fields read before the refusal are the map.
        }

        return fields.Distinct().ToList();
    }

    private static ImportedModel FromStream(Stream stream, string name, ModelReaderOptions options, Action<long, int>? trace)
    {
        var file = new H5File(stream, null, trace);
        var walk = new Walk(file, options);
        H5Object root = walk.Open(file.Root, "the root group");
        H5Attribute? configAttribute = root.Attribute("model_config");
        string? kerasVersion = OptionalString(root, "keras_version", options);
        string? backend = OptionalString(root, "backend", options);
        if (configAttribute is null)
        {
            return Recovered(name, WeightsOnly(walk, root), kerasVersion, backend);
        }

        string config = Single(configAttribute, "the attribute 'model_config'", options.MaxDocumentBytes, nameof(ModelReaderOptions.MaxDocumentBytes));
        List<TensorInfo>? tensors = null;
        if (Child(walk, root, "model_weights") is H5Object weights)
        {
            tensors = [];
            walk.Collect(weights, string.Empty, "model_weights/", 0, tensors);
        }

        ImportedModel model = KerasModelReader.Parse(config, kerasVersion, options);
        var metadata = new Dictionary<string, string>(model.Metadata, StringComparer.Ordinal);
        if (backend is not null)
        {
            metadata["backend"] = backend;
        }

        return Result(ModelFileFormat.KerasHdf5, model, tensors, metadata, "the group 'model_weights'");
    }

    /// <summary>
    /// The datasets of a file without <c>model_config</c>: under <c>model_weights</c> (a full save stripped of its
    /// topology), under <c>layers</c> and <c>vars</c> (Keras 3 <c>*.weights.h5</c>; not <c>optimizer</c>), or every
    /// dataset (legacy <c>save_weights()</c>, one group per layer at the root).
    /// </summary>
    private static List<TensorInfo> WeightsOnly(Walk walk, H5Object root)
    {
        var tensors = new List<TensorInfo>();
        List<(string Name, long Address)> links = root.Links();
        if (Child(walk, root, "model_weights", links) is H5Object weights)
        {
            walk.Collect(weights, string.Empty, "model_weights/", 0, tensors);
            tensors = InModelOrder(weights, tensors, "the attribute 'model_weights/layer_names'", walk.Options);
        }
        else if (links.Any(l => l.Name == "layers"))
        {
            foreach (string group in ModelGroups)
            {
                if (Child(walk, root, group, links) is H5Object found)
                {
                    walk.Collect(found, group, string.Empty, 0, tensors);
                }
            }
        }
        else
        {
            walk.Collect(root, string.Empty, string.Empty, 0, tensors);
            tensors = InModelOrder(root, tensors, "the attribute 'layer_names'", walk.Options);
        }

        if (tensors.Count == 0)
        {
            throw new ModelFormatException("expected the root attribute 'model_config' holding the model's JSON, or the weight datasets of a file written by save_weights(); found neither", "the root group", null);
        }

        return tensors;
    }

    /// <summary>
    /// Orders the tensors by their layer's place in the group's <c>layer_names</c> attribute, which Keras 2 and tf.keras
    /// write in model order (HDF5 lists the groups by name); tensors of layers it does not name keep their place after them.
    /// </summary>
    private static List<TensorInfo> InModelOrder(H5Object group, List<TensorInfo> tensors, string where, ModelReaderOptions options)
    {
        if (group.Attribute("layer_names") is not H5Attribute attribute)
        {
            return tensors;
        }

        if (attribute.Space.Dimensions.Count != 1)
        {
            throw new ModelFormatException("expected a list of layer names", where, null);
        }

        var place = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in attribute.Strings(options.MaxDocumentBytes, where, nameof(ModelReaderOptions.MaxDocumentBytes)))
        {
            place.TryAdd(name, place.Count);
        }

        return tensors
            .Select((tensor, index) => (Tensor: tensor, Index: index, Place: place.TryGetValue(tensor.Name.Split('/')[0], out int at) ? at : int.MaxValue))
            .OrderBy(t => t.Place)
            .ThenBy(t => t.Index)
            .Select(t => t.Tensor)
            .ToList();
    }

    /// <summary>A weights-only file: the topology is recovered from the weights' names and shapes.</summary>
    private static ImportedModel Recovered(string name, List<TensorInfo> tensors, string? kerasVersion, string? backend)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["topology"] = "recovered from weight names and shapes; the file has no model_config (written by save_weights())",
        };
        if (kerasVersion is not null)
        {
            metadata["keras_version"] = kerasVersion;
        }

        if (backend is not null)
        {
            metadata["backend"] = backend;
        }

        try
        {
            IReadOnlyList<RecoveredModule> recovered = KerasArchitecture.Recover(tensors);
            ModelSummary summary = KerasArchitecture.Summarize(name, tensors);
            return new ImportedModel(ModelFileFormat.KerasHdf5, summary, tensors, crossCheck: true) { Recovered = recovered, Metadata = metadata };
        }
        catch (OverflowException e)
        {
            throw new ModelFormatException("the weight datasets hold more elements, or the summary a statistic larger, than fits in a 64-bit integer: " + e.Message, "the root group", e);
        }
    }

    private static ImportedModel Result(ModelFileFormat format, ImportedModel topology, List<TensorInfo>? tensors, IReadOnlyDictionary<string, string> metadata, string where)
    {
        try
        {
            return new ImportedModel(format, topology.Summary, (IEnumerable<TensorInfo>?)tensors ?? [], crossCheck: tensors is not null) { Metadata = metadata, UnsupportedLayers = topology.UnsupportedLayers };
        }
        catch (OverflowException e)
        {
            throw new ModelFormatException("the weight datasets hold more elements, or the summary a statistic larger, than fits in a 64-bit integer: " + e.Message, where, e);
        }
    }

    /// <summary>Copies a stream that cannot seek into memory, up to <see cref="ModelReaderOptions.MaxBufferedBytes"/>.</summary>
    private static ChunkedStream Buffer(Stream stream, string where, ModelReaderOptions options) =>
        ChunkedStream.Copy(stream, options.MaxBufferedBytes)
            ?? throw Limits.Exceeded(where, "the stream cannot seek and is longer (pass a seekable stream or a path to read it in place)", options.MaxBufferedBytes, "bytes", nameof(ModelReaderOptions.MaxBufferedBytes));

    /// <summary>The group or dataset a hard link of <paramref name="group"/> names, or <see langword="null"/>.</summary>
    private static H5Object? Child(Walk walk, H5Object group, string name, List<(string Name, long Address)>? links = null)
    {
        links ??= group.Links();
        int at = links.FindIndex(l => l.Name == name);
        return at < 0 ? null : walk.Open(links[at].Address, "the group '" + name + "'", H5ObjectKind.Group);
    }

    private static string? OptionalString(H5Object root, string name, ModelReaderOptions options) =>
        root.Attribute(name) is H5Attribute attribute ? Single(attribute, "the attribute '" + name + "'", options.MaxNameLength, nameof(ModelReaderOptions.MaxNameLength)) : null;

    /// <summary>A scalar string attribute, fixed-length or variable-length (Keras 2 writes UTF-8 bytes, Keras 3 a string).</summary>
    private static string Single(H5Attribute attribute, string where, long limit, string property)
    {
        if (attribute.Space.Elements != 1)
        {
            throw new ModelFormatException("expected a single string but found " + attribute.Space.Elements.ToString(CultureInfo.InvariantCulture) + " elements", where, null);
        }

        return attribute.Strings(limit, where, property)[0];
    }

    /// <summary>A walk over groups: every object opened once (a group or dataset reached twice is refused), depth and counts bounded by the options.</summary>
    private sealed class Walk
    {
        private readonly H5File file;
        private readonly HashSet<long> opened = [];

        public Walk(H5File file, ModelReaderOptions options)
        {
            this.file = file;
            Options = options;
        }

        public ModelReaderOptions Options { get; }

        public H5Object Open(long address, string where, H5ObjectKind? expected = null)
        {
            if (!opened.Add(address))
            {
                throw file.Error(address, where + " is an object already reached through another link (a cycle, or a group linked twice); Keras files are trees");
            }

            var found = new H5Object(file, address, Options.MaxNameLength);
            if (expected is H5ObjectKind kind && found.Kind != kind)
            {
                throw new ModelFormatException("expected a group, found another kind of object", where, null);
            }

            return found;
        }

        /// <summary>
        /// Adds every dataset under <paramref name="group"/> (at <paramref name="path"/>), named by its path; an error's
        /// location is that path after <paramref name="prefix"/>, <c>model_weights/</c> or <c>model.weights.h5/</c>.
        /// </summary>
        public void Collect(H5Object group, string path, string prefix, int depth, List<TensorInfo> tensors)
        {
            if (depth >= Options.MaxDepth)
            {
                throw Limits.Exceeded(prefix + path, "the groups nest deeper", Options.MaxDepth, "levels", nameof(ModelReaderOptions.MaxDepth));
            }

            foreach ((string name, long address) in group.Links())
            {
                string childPath = path.Length == 0 ? name : path + "/" + name;
                if (childPath.Length > Options.MaxNameLength)
                {
                    throw Limits.Exceeded(prefix + path, string.Format(CultureInfo.InvariantCulture, "a dataset's path of {0:N0} characters", childPath.Length), Options.MaxNameLength, "characters", nameof(ModelReaderOptions.MaxNameLength));
                }

                H5Object child = Open(address, prefix + childPath);
                switch (child.Kind)
                {
                    case H5ObjectKind.Group:
                        Collect(child, childPath, prefix, depth + 1, tensors);
                        break;
                    case H5ObjectKind.Dataset:
                        if (tensors.Count >= Options.MaxTensors)
                        {
                            throw Limits.Exceeded(prefix + childPath, "the file holds " + (tensors.Count + 1).ToString("N0", CultureInfo.InvariantCulture) + " datasets or more", Options.MaxTensors, "tensors", nameof(ModelReaderOptions.MaxTensors));
                        }

                        tensors.Add(Tensor(child, childPath, prefix));
                        break;
                }
            }
        }

        private static TensorInfo Tensor(H5Object dataset, string path, string prefix)
        {
            H5Dataspace space = dataset.Dataspace;
            H5Datatype type = dataset.Datatype;
            long[] dims = space.Dimensions.Select(d => d > long.MaxValue ? throw new ModelFormatException("a dimension does not fit in a 64-bit integer", prefix + path, null) : (long)d).ToArray();
            try
            {
                return new TensorInfo(path, TypeName(type), new TensorShape(dims));
            }
            catch (OverflowException e)
            {
                throw new ModelFormatException("the dataset's element count does not fit in a 64-bit integer", prefix + path, e);
            }
        }

        private static string TypeName(H5Datatype type) => type.Class switch
        {
            H5Datatype.FloatingPoint => "float" + (type.Size * 8L).ToString(CultureInfo.InvariantCulture),
            H5Datatype.FixedPoint => "int" + (type.Size * 8L).ToString(CultureInfo.InvariantCulture),
            _ => type.ClassName,
        };
    }
}
