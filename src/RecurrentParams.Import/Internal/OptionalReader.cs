using System;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif
using System.IO;
using System.Reflection;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// A reader that lives in another package (ONNX, HDF5, PyTorch checkpoints), so that a user who reads only JSON pulls in
/// neither protobuf nor HDF5. <see cref="ModelFile"/> finds it by name when the package is referenced, and otherwise says
/// which package to add.
/// </summary>
internal sealed class OptionalReader
{
    private readonly string typeName;
    private readonly string streamMethod;
    private readonly string fileMethod;
    private Func<Stream, ModelReaderOptions?, ImportedModel>? fromStream;
    private Func<string, ModelReaderOptions?, ImportedModel>? fromFile;
    private bool resolved;

    internal OptionalReader(string package, string typeName, string streamMethod, string fileMethod, string what)
    {
        Package = package;
        this.typeName = typeName;
        this.streamMethod = streamMethod;
        this.fileMethod = fileMethod;
        What = what;
    }

    public static OptionalReader Onnx { get; } = new("RecurrentParams.Import.Onnx", "RecurrentParams.Import.Onnx.OnnxModelReader", "Read", "ReadFile", "an ONNX model");

    public static OptionalReader Hdf5 { get; } = new("RecurrentParams.Import.Hdf5", "RecurrentParams.Import.Hdf5.KerasHdf5Reader", "Read", "ReadFile", "an HDF5 file (a Keras .h5 save)");

    public static OptionalReader KerasArchive { get; } = new("RecurrentParams.Import.Hdf5", "RecurrentParams.Import.Hdf5.KerasHdf5Reader", "ReadArchive", "ReadArchiveFile", "a .keras archive");

    public static OptionalReader Torch { get; } = new("RecurrentParams.Import.Torch", "RecurrentParams.Import.Torch.TorchCheckpointReader", "Read", "ReadFile", "a PyTorch checkpoint (torch.save or torch.jit.save)");

    /// <summary>Gets the NuGet package that holds the reader.</summary>
    public string Package { get; }

    /// <summary>Gets what the format is, for messages.</summary>
    public string What { get; }

    /// <summary>Gets a value indicating whether the package is referenced, so that its reader can be called.</summary>
    public bool IsAvailable
    {
        get
        {
            Resolve();
            return fromStream is not null && fromFile is not null;
        }
    }

    public ImportedModel Read(Stream stream, ModelReaderOptions? options)
    {
        Resolve();
        return (fromStream ?? throw Missing())(stream, options);
    }

    public ImportedModel ReadFile(string path, ModelReaderOptions? options)
    {
        Resolve();
        return (fromFile ?? throw Missing())(path, options);
    }

    public ModelFormatException Missing() => new(
        "The file is " + What + ", which the package " + Package + " reads; add it to the project (dotnet add package " + Package + ").");

#if NET
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, "RecurrentParams.Import.Onnx.OnnxModelReader", "RecurrentParams.Import.Onnx")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, "RecurrentParams.Import.Hdf5.KerasHdf5Reader", "RecurrentParams.Import.Hdf5")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, "RecurrentParams.Import.Torch.TorchCheckpointReader", "RecurrentParams.Import.Torch")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The DynamicDependency attributes keep the readers' public methods whenever their assemblies are part of the application.")]
    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "The type names are constants kept by the DynamicDependency attributes.")]
#endif
    private void Resolve()
    {
        if (resolved)
        {
            return;
        }

        Type? type = Type.GetType(typeName + ", " + Package, throwOnError: false);
        if (type is not null)
        {
            fromStream = Bind<Stream>(type, streamMethod);
            fromFile = Bind<string>(type, fileMethod);
        }

        resolved = true;
    }

#if NET
    private static Func<T, ModelReaderOptions?, ImportedModel>? Bind<T>([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type, string name)
#else
    private static Func<T, ModelReaderOptions?, ImportedModel>? Bind<T>(Type type, string name)
#endif
    {
        MethodInfo? withOptions = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, [typeof(T), typeof(ModelReaderOptions)], null);
        if (withOptions is not null && withOptions.ReturnType == typeof(ImportedModel))
        {
            return Delegate<Func<T, ModelReaderOptions?, ImportedModel>>(withOptions);
        }

        MethodInfo? plain = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, [typeof(T)], null);
        if (plain is not null && plain.ReturnType == typeof(ImportedModel))
        {
            Func<T, ImportedModel> read = Delegate<Func<T, ImportedModel>>(plain);
            return (input, _) => read(input);
        }

        return null;
    }

    private static TDelegate Delegate<TDelegate>(MethodInfo method)
        where TDelegate : Delegate =>
#if NET
        method.CreateDelegate<TDelegate>();
#else
        (TDelegate)method.CreateDelegate(typeof(TDelegate));
#endif
}
