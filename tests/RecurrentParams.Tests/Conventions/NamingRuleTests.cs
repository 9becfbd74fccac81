using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Conventions;

/// <summary>The naming and layering rules of <c>docs/design.md</c>, enforced by reflection over the shipped assembly.</summary>
public sealed class NamingRuleTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] PublicTypes = typeof(Params).Assembly.GetExportedTypes();

    [Fact]
    public void Frameworks_AreSpelledKerasAndTorch_NeverPyTorch()
    {
        IEnumerable<string> names = PublicTypes.Select(t => t.FullName!)
            .Concat(PublicTypes.SelectMany(t => t.GetMembers(Declared)).Select(m => m.DeclaringType!.Name + "." + m.Name))
            .Concat(PublicTypes.SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors()))
                .SelectMany(m => m.GetParameters()).Select(p => p.Member.DeclaringType!.Name + "." + p.Member.Name + "(" + p.Name + ")"));

        names.Where(n => n.Contains("PyTorch", StringComparison.OrdinalIgnoreCase)).Should().BeEmpty("identifiers spell the framework 'Torch' (prose says PyTorch)");
    }

    [Fact]
    public void Methods_DoNotCarryTheFrameworkInTheirName_TheirContainerDoes()
    {
        IEnumerable<string> prefixed = PublicTypes
            .SelectMany(t => t.GetMethods(Declared).Where(m => !m.IsSpecialName))
            .Where(m => m.Name.StartsWith("Keras", StringComparison.Ordinal) || m.Name.StartsWith("Torch", StringComparison.Ordinal))
            .Select(m => m.DeclaringType!.FullName + "." + m.Name);

        prefixed.Should().BeEmpty("Params.Torch.Lstm, LayerSpec.Torch.Lstm and TorchModelBuilder.Input, not TorchLstm or TorchInput");
    }

    [Fact]
    public void FrameworkNamespaces_HoldOnlyThatFrameworksLayers()
    {
        Type[] keras = PublicTypes.Where(t => t.Namespace == "RecurrentParams.Keras").ToArray();
        Type[] torch = PublicTypes.Where(t => t.Namespace == "RecurrentParams.Torch").ToArray();

        keras.Should().NotBeEmpty();
        torch.Should().NotBeEmpty();
        keras.Where(t => !typeof(KerasLayer).IsAssignableFrom(t) && t != typeof(RecurrentCell)).Should().BeEmpty("RecurrentParams.Keras holds Keras layers (and the cells a Keras RNN layer takes)");
        torch.Where(t => !typeof(TorchModule).IsAssignableFrom(t)).Should().BeEmpty("RecurrentParams.Torch holds PyTorch modules");
    }

    [Fact]
    public void Layer_CanOnlyBeDerivedThroughAFrameworkBase()
    {
        ConstructorInfo[] constructors = typeof(Layer).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        constructors.Should().OnlyContain(c => c.IsFamilyAndAssembly, "a layer outside the library must derive from KerasLayer or TorchModule");
        PublicTypes.Where(t => t.BaseType == typeof(Layer)).Should().BeEquivalentTo([typeof(KerasLayer), typeof(TorchModule)]);
    }

    [Fact]
    public void Builders_TakeOnlyTheirOwnFrameworksLayers()
    {
        static IEnumerable<Type> Taken(Type builder) => builder.GetMethods(Declared).SelectMany(m => m.GetParameters()).Select(p => p.ParameterType)
            .Where(t => typeof(Layer).IsAssignableFrom(t));

        Taken(typeof(KerasModelBuilder)).Should().OnlyContain(t => typeof(KerasLayer).IsAssignableFrom(t));
        Taken(typeof(TorchModelBuilder)).Should().OnlyContain(t => typeof(TorchModule).IsAssignableFrom(t));
        typeof(ModelBuilder).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Should().OnlyContain(c => c.IsFamilyAndAssembly, "the two builders are the only models");
    }

    [Theory]
    [InlineData(typeof(Params.Keras), typeof(LayerSpec.Keras))]
    [InlineData(typeof(Params.Torch), typeof(LayerSpec.Torch))]
    public void ParamsAndLayerSpec_MirrorEachOther(Type counts, Type specs)
    {
        static IEnumerable<string> Signatures(Type type) => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.Name)) + ")");

        Signatures(counts).Should().BeEquivalentTo(Signatures(specs), "every count has the spec that explains it, with the same arguments");
    }

    [Fact]
    public void ArgumentOrder_IsEachFrameworks()
    {
        typeof(Params.Keras).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Should().OnlyContain(m => m.GetParameters()[0].Name == "units" && m.GetParameters()[1].Name == "inputSize", "Keras: (units, inputSize), as Params.Lstm(4, 5)");
        typeof(Params.Torch).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Should().OnlyContain(m => m.GetParameters()[0].Name == "inputSize" && m.GetParameters()[1].Name == "hiddenSize", "PyTorch: (input_size, hidden_size)");
    }

    [Fact]
    public void TheFrontDoor_IsTheKerasConvention()
    {
        string[] frontDoor = ["SimpleRnn", "Lstm", "Gru"];

        foreach (string name in frontDoor)
        {
            ParameterInfo[] root = typeof(Params).GetMethod(name)!.GetParameters();
            ParameterInfo[] keras = typeof(Params.Keras).GetMethod(name)!.GetParameters();
            root.Select(p => p.Name).Should().Equal(keras.Select(p => p.Name).Where(n => n != "bidirectional"), "Params.{0} is Params.Keras.{0}", name);
        }

        Params.Lstm(4, 5).Should().Be(Params.Keras.Lstm(4, 5)).And.Be(160);
    }
}
