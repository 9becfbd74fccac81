using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests.Conventions;

/// <summary>The house rules, checked by reflection on the four import assemblies.</summary>
public sealed class ApiConventionTests
{
    public static TheoryData<string> Assemblies => new() { "RecurrentParams.Import", "RecurrentParams.Import.Onnx", "RecurrentParams.Import.Hdf5", "RecurrentParams.Import.Torch" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicClasses_AreSealedOrStatic(string assembly)
    {
        Type[] open = Load(assembly).GetExportedTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).ToArray();

        open.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicProperties_HaveNoPublicSetters(string assembly)
    {
        var setters = Load(assembly).GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => p.DeclaringType!.Name + "." + p.Name)
            .ToArray();

        setters.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicMembers_AreDocumented(string assembly)
    {
        Assembly loaded = Load(assembly);
        XDocument docs = XDocument.Load(Path.ChangeExtension(loaded.Location, ".xml"));
        var documented = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        string[] missing = loaded.GetExportedTypes().Select(t => "T:" + t.FullName).Where(id => !documented.Contains(id)).ToArray();

        missing.Should().BeEmpty();
        documented.Count.Should().BeGreaterThan(loaded.GetExportedTypes().Length);
    }

    private static Assembly Load(string name) => name switch
    {
        "RecurrentParams.Import.Onnx" => typeof(OnnxModelReader).Assembly,
        "RecurrentParams.Import.Hdf5" => typeof(KerasHdf5Reader).Assembly,
        "RecurrentParams.Import.Torch" => typeof(TorchCheckpointReader).Assembly,
        _ => typeof(ImportedModel).Assembly,
    };
}
