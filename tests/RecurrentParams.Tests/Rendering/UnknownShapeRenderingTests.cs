using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

/// <summary>
/// A row whose output shape is <see cref="OutputShape.Unknown"/> (tensors grouped from a weights file): each format
/// prints what its framework prints for a shape it does not have — Keras 3 <c>?</c> (<c>format_layer_shape</c>),
/// Keras 2 <c>multiple</c> (<c>print_summary</c> when <c>output_shape</c> is undefined), torchinfo <c>--</c>, JSON null.
/// </summary>
public sealed class UnknownShapeRenderingTests
{
    private static readonly ModelSummary Grouped = new(
        "grouped",
        Convention.Torch,
        null,
        [new LayerSummary("fc", "Tensors", [OutputShape.Unknown], [new WeightTensor("weight", new TensorShape(3, 4)), new WeightTensor("bias", new TensorShape(3))])]);

    private static readonly ModelSummary KerasGrouped = new("grouped", Convention.Keras, null, Grouped.Rows);

    [Fact]
    public void Keras3_PrintsAQuestionMark()
    {
        KerasGrouped.Render(SummaryFormat.Keras3).Should().Contain("│ fc (Tensors)                         │ ?                           │              15 │");
    }

    [Fact]
    public void Keras2_PrintsMultiple()
    {
        KerasGrouped.Render(SummaryFormat.Keras2).Should().Contain("fc (Tensors)                 multiple                  15        ");
    }

    [Fact]
    public void Torchinfo_PrintsDashes()
    {
        string text = Grouped.Render(SummaryFormat.Torchinfo);

        text.Should().Contain("grouped                                  --                        --");
        text.Should().Contain("├─Tensors: 1-1                           --                        15");
    }

    [Fact]
    public void Json_WritesNull()
    {
        using JsonDocument json = JsonDocument.Parse(Grouped.Render(SummaryFormat.Json));

        json.RootElement.GetProperty("output").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("layers")[0].GetProperty("outputs")[0].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Markdown_PrintsDashesForPyTorchAndAQuestionMarkForKeras()
    {
        Grouped.Render(SummaryFormat.Markdown).Should().Contain("| ├─Tensors: 1-1         | --           |      15 |");
        KerasGrouped.Render(SummaryFormat.Markdown).Should().Contain("| fc (Tensors) | ?            |      15 |");
    }
}
