using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class Keras3FormatTests
{
    public static TheoryData<string> Ids => RenderingVectors.Keras3Ids();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_Keras3Default_MatchesKerasSummary(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.Keras3File)[id];
        ModelSummary summary = RenderingVectors.BuildKeras3(row);

        string text = summary.Render(SummaryFormat.Keras3);

        text.Should().Be(row.GetProperty("summary").GetString());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_LineLength80_MatchesKerasSummary(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.Keras3File)[id];
        ModelSummary summary = RenderingVectors.BuildKeras3(row);

        string text = summary.Render(new Keras3SummaryOptions { LineLength = 80 });

        text.Should().Be(row.GetProperty("summaryLineLength80").GetString());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_ShowTrainable_MatchesKerasSummary(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.Keras3File)[id];
        ModelSummary summary = RenderingVectors.BuildKeras3(row);

        string text = summary.Render(new Keras3SummaryOptions { ShowTrainable = true });

        text.Should().Be(row.GetProperty("summaryShowTrainable").GetString());
    }

    [Fact]
    public void Ids_EverySequentialAndFunctionalModel_AreRebuilt()
    {
        RenderingVectors.Keras3Ids().Should().HaveCount(19);
    }

    [Fact]
    public void Render_ReturnState_ListsEveryOutputShape()
    {
        ModelSummary summary = new KerasModelBuilder("states").Input(null, 5).Lstm(4, returnState: true).Build();

        string text = summary.Render(new Keras3SummaryOptions { LineLength = 80 });

        text.Should().Be("""
            Model: "states"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ lstm (LSTM)                       │ [(None, 4), (None, 4),   │           160 │
            │                                   │ (None, 4)]               │               │
            └───────────────────────────────────┴──────────────────────────┴───────────────┘
             Total params: 160 (640.00 B)
             Trainable params: 160 (640.00 B)
             Non-trainable params: 0 (0.00 B)

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_NameLongerThanColumn_CutsWithEllipsis()
    {
        ModelSummary summary = new KerasModelBuilder("long").Input(null, 5).SimpleRnn(4, name: "a_very_long_recurrent_layer_name_indeed").Build();

        string text = summary.Render(new Keras3SummaryOptions { LineLength = 60 });

        text.Should().Contain("│ a_very_long_recurrent_l… │").And.Contain("│ (SimpleRNN)              │");
    }

    [Fact]
    public void Render_LineLengthTooSmall_ThrowsArgumentException()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4).Build();

        var render = () => summary.Render(new Keras3SummaryOptions { LineLength = 10 });

        render.Should().Throw<System.ArgumentException>().WithParameterName("options");
    }
}
