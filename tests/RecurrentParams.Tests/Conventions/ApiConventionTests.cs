using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Conventions;

/// <summary>Design rules of the public API, enforced by reflection over the shipped assembly.</summary>
public sealed class ApiConventionTests
{
    private static readonly Assembly Library = typeof(Params).Assembly;

    private static IEnumerable<Type> PublicTypes => Library.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedStaticOrAbstract()
    {
        IEnumerable<Type> open = PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract);

        open.Should().BeEmpty("public classes are sealed values, static facades or abstract extension bases");
    }

    [Fact]
    public void PublicProperties_HaveNoPublicSetters()
    {
        IEnumerable<string> settable = PublicTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        settable.Should().BeEmpty("values are immutable: properties are get-only or init-only");
    }

    [Fact]
    public void PublicMembers_AreDocumented()
    {
        string xmlPath = Path.ChangeExtension(Library.Location, ".xml");
        HashSet<string> documented = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is not null || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        IEnumerable<string> missing = PublicTypes
            .Where(t => !documented.Contains("T:" + t.FullName!.Replace('+', '.')))
            .Select(t => t.FullName!);

        missing.Should().BeEmpty("every public type has a <summary> (members are checked by the compiler, CS1591 as error)");
    }

    [Fact]
    public void Namespaces_SplitEverydayTypesFromExtensionTypes()
    {
        PublicTypes.Select(t => t.Namespace).Distinct().Should().BeEquivalentTo("RecurrentParams", "RecurrentParams.Formulas", "RecurrentParams.Layers", "RecurrentParams.Keras", "RecurrentParams.Torch");
        typeof(RecurrentParams.Formulas.IParameterFormula).Namespace.Should().Be("RecurrentParams.Formulas");
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == typeof(IsExternalInit).FullName); // by name: a netstandard2.0 build carries its own polyfill
}
