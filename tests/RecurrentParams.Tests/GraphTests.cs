using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// <see cref="InboundTensor"/>, <see cref="LayerSummary.InboundNodes"/> and Keras' rule for when a summary gets its
/// "Connected to" column (<c>summary_utils.print_summary</c>: a depth of the node map with two nodes, a node with two
/// input tensors, or a layer called twice). Real Keras output for the column is checked in the import tests.
/// </summary>
public sealed class GraphTests
{
    private static readonly OutputShape Sequence = new(null, null, 5);
    private static readonly OutputShape Vector = new(null, 4);

    [Fact]
    public void InboundTensor_PrintsAsKeras()
    {
        new InboundTensor("lstm", 0, 0).ToString().Should().Be("lstm[0][0]");
        new InboundTensor("encoder", 1, 2).ToString().Should().Be("encoder[1][2]");
    }

    [Fact]
    public void InboundTensor_EqualityIsByValue()
    {
        var a = new InboundTensor("lstm", 0, 1);

        a.Should().Be(new InboundTensor("lstm", 0, 1));
        a.GetHashCode().Should().Be(new InboundTensor("lstm", 0, 1).GetHashCode());
        a.Should().NotBe(new InboundTensor("lstm", 1, 1));
        a.Should().NotBe(new InboundTensor("lstm", 0, 0));
        a.Should().NotBe(new InboundTensor("gru", 0, 1));
        object boxed = new InboundTensor("lstm", 0, 1);
        a.Equals(boxed).Should().BeTrue();
        a.Equals((InboundTensor?)null).Should().BeFalse();
    }

    [Fact]
    public void InboundTensor_BadArguments_Throw()
    {
        Action nullLayer = () => _ = new InboundTensor(null!, 0, 0);
        Action emptyLayer = () => _ = new InboundTensor(string.Empty, 0, 0);
        Action negativeNode = () => _ = new InboundTensor("x", -1, 0);
        Action negativeTensor = () => _ = new InboundTensor("x", 0, -1);

        nullLayer.Should().Throw<ArgumentNullException>().WithParameterName("layer");
        emptyLayer.Should().Throw<ArgumentException>().WithParameterName("layer").WithMessage("'layer' must not be empty.*");
        negativeNode.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("nodeIndex");
        negativeTensor.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tensorIndex");
    }

    [Fact]
    public void InboundNodes_DefaultsToEmptyAndJoinsEquality()
    {
        LayerSummary plain = Row("lstm");
        LayerSummary connected = Row("lstm", Call(("x", 0)));

        plain.InboundNodes.Should().BeEmpty();
        connected.InboundNodes.Should().ContainSingle().Which.Should().Equal(new InboundTensor("x", 0, 0));
        connected.Should().NotBe(plain);
        connected.Should().Be(Row("lstm", Call(("x", 0))));
        connected.Should().NotBe(Row("lstm", Call(("y", 0))));
        connected.Should().NotBe(Row("lstm", Call(("x", 0)), Call(("x", 0))));
    }

    [Fact]
    public void InboundNodes_NullEntries_Throw()
    {
        Action nullList = () => _ = new LayerSummary("a", "Dense", [Vector], []) { InboundNodes = null! };
        Action nullCall = () => _ = new LayerSummary("a", "Dense", [Vector], []) { InboundNodes = [null!] };
        Action nullTensor = () => _ = new LayerSummary("a", "Dense", [Vector], []) { InboundNodes = [[null!]] };

        nullList.Should().Throw<ArgumentNullException>().WithParameterName("InboundNodes");
        nullCall.Should().Throw<ArgumentNullException>().WithParameterName("InboundNodes");
        nullTensor.Should().Throw<ArgumentNullException>().WithParameterName("InboundNodes");
    }

    [Fact]
    public void InboundNodes_AreACopy()
    {
        var tensors = new List<InboundTensor> { new("x", 0, 0) };
        var calls = new List<IReadOnlyList<InboundTensor>> { tensors };
        var row = new LayerSummary("a", "Dense", [Vector], []) { InboundNodes = calls };

        tensors.Add(new InboundTensor("y", 0, 0));
        calls.Add(tensors);

        row.InboundNodes.Should().ContainSingle().Which.Should().ContainSingle();
    }

    /// <summary>x → a → b: every depth holds one node, so Keras prints no "Connected to" column.</summary>
    [Fact]
    public void Render_Chain_HasNoConnectedTo()
    {
        ModelSummary chain = Model(Input("x"), Row("a", Call(("x", 0))), Row("b", Call(("a", 0))));

        chain.Render(SummaryFormat.Keras3).Should().NotContain("Connected to").And.StartWith("Model: \"m\"\n┏" + new string('━', 38) + "┳");
        chain.Render(SummaryFormat.Keras2).Should().NotContain("Connected to");
        chain.Render(SummaryFormat.Markdown).Should().NotContain("Connected to");
    }

    /// <summary>x → a and x → b, both outputs: two leaves, both at depth 0.</summary>
    [Fact]
    public void Render_TwoHeads_HasConnectedTo()
    {
        ModelSummary heads = Model(Input("x"), Row("a", Call(("x", 0))), Row("b", Call(("x", 0))));

        string text = heads.Render(SummaryFormat.Keras3);

        // 108 wide and four columns, int(108 × (0.3, 0.56, 0.74, 1.0)) = 32, 60, 79, 108 (rich then fits them to the borders).
        text.Split('\n')[1].Should().HaveLength(108).And.Match("┏*┳*┳*┳*┓");
        text.Should().Contain("│ x (InputLayer)                │").And.Contain(" │ -                          │\n").And.Contain(" │ x[0][0]                    │\n");
    }

    [Fact]
    public void Render_CallWithTwoTensors_HasConnectedTo()
    {
        ModelSummary merge = Model(Input("x"), Row("a", Call(("x", 0))), Row("sum", Call(("x", 0), ("a", 0))));

        merge.Render(SummaryFormat.Keras3).Should().Contain("│ x[0][0], a[0][0]           │");
        merge.Render(SummaryFormat.Keras2).Split('\n').Should().Contain(l => l.StartsWith(new string(' ', 65) + "a[0][0]", StringComparison.Ordinal));
    }

    /// <summary>a called twice in a chain (a(a(x))): each depth holds one node, but Keras' shared-layer check fires.</summary>
    [Fact]
    public void Render_SharedLayer_HasConnectedTo()
    {
        ModelSummary shared = Model(Input("x"), Row("a", Call(("x", 0)), Call(("a", 0))));

        shared.Render(SummaryFormat.Keras3).Should().Contain("x[0][0], a[0][0]");
    }

    [Fact]
    public void Render_BuilderModel_HasNoConnectedTo()
    {
        ModelSummary built = new KerasModelBuilder("m").Input(null, 5).Lstm(4, returnSequences: true).Lstm(4).Build();

        built.Rows.Should().OnlyContain(r => r.InboundNodes.Count == 0);
        built.Render(SummaryFormat.Keras3).Should().NotContain("Connected to");
    }

    [Fact]
    public void Render_BranchingWithTrainable_AddsBothColumns()
    {
        ModelSummary heads = Model(Input("x"), Row("a", Call(("x", 0))), Row("b", Call(("x", 0))));

        string header = heads.Render(new Keras3SummaryOptions { ShowTrainable = true }).Split('\n')[2];

        header.Should().StartWith("┃ Layer (type)").And.Contain("┃ Connected to").And.EndWith("┃ Trainable ┃");
        header.Length.Should().Be(120);
    }

    /// <summary>The error names the shortest line length that works for this table's columns.</summary>
    [Fact]
    public void Render_LineTooShort_NamesTheShortestThatWorks()
    {
        ModelSummary heads = Model(Input("x"), Row("a", Call(("x", 0))), Row("b", Call(("x", 0))));

        Action tooShort = () => heads.Render(new Keras3SummaryOptions { LineLength = 20 });

        string message = tooShort.Should().Throw<ArgumentException>().WithParameterName("options").Which.Message;
        int shortest = int.Parse(message.Split("line length of at least ")[1].Split(' ')[0].TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture);
        Action works = () => heads.Render(new Keras3SummaryOptions { LineLength = shortest });
        Action oneLess = () => heads.Render(new Keras3SummaryOptions { LineLength = shortest - 1 });
        works.Should().NotThrow();
        oneLess.Should().Throw<ArgumentException>();
    }

    private static (string Layer, int Tensor)[] Call(params (string Layer, int Tensor)[] tensors) => tensors;

    private static LayerSummary Input(string name) => new(name, "InputLayer", [Sequence], []);

    private static LayerSummary Row(string name, params (string Layer, int Tensor)[][] calls) =>
        new(name, "Dense", [Vector], [new WeightTensor("kernel", "kernel", new TensorShape(5, 4))])
        {
            InboundNodes = calls.Select(call => (IReadOnlyList<InboundTensor>)call.Select(t => new InboundTensor(t.Layer, 0, t.Tensor)).ToArray()).ToArray(),
        };

    private static ModelSummary Model(params LayerSummary[] rows) => new("m", Convention.Keras, Sequence, rows);
}
