using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PureHDF;
using PureHDF.VOL.Native;
using RecurrentParams.Formulas;

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
/// and its local header locate the bytes, and the HDF5 parser sees only that range of the archive. The datasets under
/// <c>layers</c> and <c>vars</c> are the model's; an <c>optimizer</c> group is not counted. A compressed entry (an
/// archive zipped again) is inflated in memory if it declares at most 256 MiB; a larger one, or an archive without the
/// entry, is summarized without the cross-check, and <see cref="ImportedModel.Metadata"/> says why under <c>weights</c>.</para>
/// <para>At most 100,000 objects are visited, 32 groups deep, and <c>model_config</c> is read only up to 64 MiB; a
/// global heap object (where variable-length strings live) or a local heap's data segment (where link names live) that
/// claims more than the file holds after it, or more than 64 MiB, is refused before the HDF5 parser allocates it. PureHDF 2.2.0 sizes a few other buffers by a claim before
/// reading them (object header, fill value and attribute messages): a damaged file can make it reserve up to 2 GB that the
/// file's few bytes never fill: the pages stay untouched, the working set does not grow (about 40 MB in the mutation
/// runs), and the read ends in <see cref="ModelFormatException"/>. Any failure of the HDF5 parser on a damaged file
/// is reported as <see cref="ModelFormatException"/>. A stream that cannot seek is buffered in memory up to 256 MiB.
/// All members are thread-safe.</para>
/// </remarks>
public static partial class KerasHdf5Reader
{
    private const int MaxObjects = 100_000;
    private const int MaxDepth = 32;
    private const long MaxConfigBytes = 64L * 1024 * 1024;
    private const int MaxBufferedBytes = 256 * 1024 * 1024;

    /// <summary>Reads an <c>.h5</c> save from a stream.</summary>
    /// <param name="stream">A readable stream positioned at the file's start; it is not closed.</param>
    /// <returns>The summary, the weight datasets' shapes and their count, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.KerasHdf5"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The file is not HDF5 or is damaged, has neither <c>model_config</c> nor weight datasets, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("'stream' must be readable.", nameof(stream));
        }

        if (stream.CanSeek)
        {
            return FromStream(stream, "weights");
        }

        using MemoryStream buffer = Buffer(stream, "the file");
        return FromStream(buffer, "weights");
    }

    /// <summary>Reads an <c>.h5</c> save from a file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.h5</c>.</param>
    /// <returns>The summary, the weight datasets' shapes and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is not HDF5 or is damaged, has neither <c>model_config</c> nor weight datasets, or the topology is malformed or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return FromStream(stream, Path.GetFileNameWithoutExtension(path) is { Length: > 0 } name ? name : "weights");
    }

    private static ImportedModel FromStream(Stream stream, string name)
    {
        (string? config, string? kerasVersion, string? backend, List<TensorInfo>? tensors) = ReadHdf5<(string?, string?, string?, List<TensorInfo>?)>(stream, "the file", null, file =>
        {
            if (!file.AttributeExists("model_config"))
            {
                return (null, OptionalString(file, "keras_version"), OptionalString(file, "backend"), WeightsOnly(file));
            }

            string config = ReadString(file.Attribute("model_config"), "the attribute 'model_config'", MaxConfigBytes);
            string? kerasVersion = OptionalString(file, "keras_version");
            string? backend = OptionalString(file, "backend");
            List<TensorInfo>? tensors = null;
            if (file.LinkExists("model_weights"))
            {
                tensors = [];
                int visited = 0;
                Collect(Group(file, "model_weights", "the group 'model_weights'"), string.Empty, "model_weights/", 0, tensors, ref visited);
            }

            return (config, kerasVersion, backend, tensors);
        });

        if (config is null)
        {
            return Recovered(name, tensors!, kerasVersion, backend);
        }

        ImportedModel model = KerasModelReader.Parse(config, kerasVersion);
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
    private static List<TensorInfo> WeightsOnly(NativeFile file)
    {
        var tensors = new List<TensorInfo>();
        int visited = 0;
        if (file.LinkExists("model_weights"))
        {
            IH5Group weights = Group(file, "model_weights", "the group 'model_weights'");
            Collect(weights, string.Empty, "model_weights/", 0, tensors, ref visited);
            tensors = InModelOrder(weights, tensors, "the attribute 'model_weights/layer_names'");
        }
        else if (file.LinkExists("layers"))
        {
            foreach (string group in ModelGroups.Where(file.LinkExists))
            {
                Collect(Group(file, group, "the group '" + group + "'"), group, string.Empty, 0, tensors, ref visited);
            }
        }
        else
        {
            Collect(file, string.Empty, string.Empty, 0, tensors, ref visited);
            tensors = InModelOrder(file, tensors, "the attribute 'layer_names'");
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
    private static List<TensorInfo> InModelOrder(IH5Group group, List<TensorInfo> tensors, string where)
    {
        if (!group.AttributeExists("layer_names"))
        {
            return tensors;
        }

        IH5Attribute attribute = group.Attribute("layer_names");
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength) || attribute.Space.Dimensions.Length != 1 || attribute.Space.Dimensions[0] > MaxObjects
            || (attribute.Type.Class == H5DataTypeClass.String && attribute.Type.Size > 4096))
        {
            throw new ModelFormatException("expected a list of at most " + MaxObjects.ToString(CultureInfo.InvariantCulture) + " layer names", where, null);
        }

        var place = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string? name in attribute.Read<string[]>())
        {
            string layer = (name ?? string.Empty).TrimEnd('\0');
            place.TryAdd(layer, place.Count);
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
            throw new ModelFormatException("the weight datasets hold more elements than fit in a 64-bit integer", "the root group", e);
        }
    }

    /// <summary>
    /// Opens an HDF5 file through the guard stream and reports any failure of the parser as <see cref="ModelFormatException"/>
    /// at <paramref name="where"/>; <paramref name="entry"/> is the zip entry the file is (for the guard's byte locations),
    /// or <see langword="null"/> for a file of its own.
    /// </summary>
    private static T ReadHdf5<T>(Stream stream, string where, string? entry, Func<NativeFile, T> read)
    {
        try
        {
            // Every read goes through the guard: PureHDF would otherwise allocate what a global heap object claims.
            using NativeFile file = H5File.Open(new GlobalHeapGuardStream(stream, MaxConfigBytes, entry), leaveOpen: true);
            return read(file);
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e)
        {
            // PureHDF reports a damaged file with whatever exception its parsing hits (end of stream, index out of
            // range, format, not-supported, ...); to a caller they all mean the same thing. A size claim beyond the
            // largest array raises OutOfMemoryException before anything is allocated, which is a damaged file too.
            throw new ModelFormatException("not a readable HDF5 file: " + e.GetType().Name + ": " + e.Message, where, e);
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
            throw new ModelFormatException("the weight datasets hold more elements than fit in a 64-bit integer", where, e);
        }
    }

    /// <summary>Reads a stream that cannot seek into memory, up to 256 MiB.</summary>
    private static MemoryStream Buffer(Stream stream, string where)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBufferedBytes)
            {
                buffer.Dispose();
                throw new ModelFormatException("the stream cannot seek and is longer than the 256 MiB buffered; pass a seekable stream or a path", where, null);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static IH5Group Group(NativeFile file, string name, string where) =>
        file.Get(name) as IH5Group ?? throw new ModelFormatException("expected a group, found another kind of object", where, null);

    private static string? OptionalString(NativeFile file, string name) =>
        file.AttributeExists(name) ? ReadString(file.Attribute(name), "the attribute '" + name + "'", 4096) : null;

    /// <summary>A scalar string attribute, fixed-length or variable-length, or bytes (Keras 2 writes UTF-8 bytes).</summary>
    private static string ReadString(IH5Attribute attribute, string where, long limit)
    {
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
        {
            throw new ModelFormatException("expected a string but found HDF5 type class " + attribute.Type.Class, where, null);
        }

        if (attribute.Type.Class == H5DataTypeClass.String && attribute.Type.Size > limit)
        {
            throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the string claims {0} bytes; at most {1} are read", attribute.Type.Size, limit), where, null);
        }

        if (attribute.Space.Dimensions.Length > 0 && attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * Math.Max(d, 1)) != 1)
        {
            throw new ModelFormatException("expected a single string", where, null);
        }

        string? value = attribute.Read<string>();
        if (value is null || value.Length > limit)
        {
            throw new ModelFormatException("expected a string of at most " + limit.ToString(CultureInfo.InvariantCulture) + " characters", where, null);
        }

        return value.TrimEnd('\0');
    }

    /// <summary>
    /// Adds every dataset under <paramref name="group"/> (at <paramref name="path"/>), named by its path; an error's
    /// location is that path after <paramref name="prefix"/>, <c>model_weights/</c> or <c>model.weights.h5/</c>.
    /// </summary>
    private static void Collect(IH5Group group, string path, string prefix, int depth, List<TensorInfo> tensors, ref int visited)
    {
        if (depth > MaxDepth)
        {
            throw new ModelFormatException("groups nest deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels (a cycle?)", prefix + path, null);
        }

        foreach (IH5Object child in group.Children())
        {
            if (++visited > MaxObjects)
            {
                throw new ModelFormatException("more than " + MaxObjects.ToString(CultureInfo.InvariantCulture) + " objects under " + prefix.TrimEnd('/'), prefix + path, null);
            }

            string childPath = path.Length == 0 ? child.Name : path + "/" + child.Name;
            switch (child)
            {
                case IH5Group inner:
                    Collect(inner, childPath, prefix, depth + 1, tensors, ref visited);
                    break;
                case IH5Dataset dataset:
                    long[] dims = dataset.Space.Dimensions.Select(d => d > long.MaxValue ? throw new ModelFormatException("a dimension does not fit in a 64-bit integer", prefix + childPath, null) : (long)d).ToArray();
                    tensors.Add(new TensorInfo(childPath, TypeName(dataset.Type), new TensorShape(dims)));
                    break;
            }
        }
    }

    private static string TypeName(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FloatingPoint => "float" + (type.Size * 8).ToString(CultureInfo.InvariantCulture),
        H5DataTypeClass.FixedPoint => "int" + (type.Size * 8).ToString(CultureInfo.InvariantCulture),
        _ => type.Class.ToString(),
    };
}
