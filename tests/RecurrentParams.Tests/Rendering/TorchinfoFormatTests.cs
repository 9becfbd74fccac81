using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class TorchinfoFormatTests
{
    private static readonly TorchinfoColumn[] AllColumns =
    [
        TorchinfoColumn.InputSize, TorchinfoColumn.OutputSize, TorchinfoColumn.NumParams, TorchinfoColumn.ParamsPercent,
        TorchinfoColumn.KernelSize, TorchinfoColumn.MultAdds, TorchinfoColumn.Trainable,
    ];

    public static TheoryData<string> Ids => RenderingVectors.TorchinfoIds();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_Default_MatchesTorchinfo(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.TorchinfoFile)[id];
        ModelSummary summary = RenderingVectors.BuildTorch(row);

        string text = summary.Render(SummaryFormat.Torchinfo);

        text.Should().Be(RenderingVectors.Canonical(row, "summaryDefault"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_Verbose2_MatchesTorchinfo(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.TorchinfoFile)[id];
        ModelSummary summary = RenderingVectors.BuildTorch(row);

        string text = summary.Render(new TorchinfoSummaryOptions { Verbose = 2 });

        text.Should().Be(RenderingVectors.Canonical(row, "summaryVerbose2"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_AllColumns_MatchesTorchinfo(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.TorchinfoFile)[id];
        ModelSummary summary = RenderingVectors.BuildTorch(row);

        string text = summary.Render(new TorchinfoSummaryOptions { Columns = AllColumns });

        text.Should().Be(RenderingVectors.Canonical(row, "summaryColumns"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Render_AllColumnsVerbose2_MatchesTorchinfo(string id)
    {
        JsonElement row = RenderingVectors.Load(RenderingVectors.TorchinfoFile)[id];
        ModelSummary summary = RenderingVectors.BuildTorch(row);

        string text = summary.Render(new TorchinfoSummaryOptions { Columns = AllColumns, Verbose = 2 });

        text.Should().Be(RenderingVectors.Canonical(row, "summaryVerbose2Columns"));
    }


    [Fact]
    public void Ids_EveryTorchinfoVector_IsRebuilt()
    {
        RenderingVectors.TorchinfoIds().Should().HaveCount(RenderingVectors.Load(RenderingVectors.TorchinfoFile).Count, "the builder expresses bare modules, nested containers, shared modules and packed sequences");
    }

    [Fact]
    public void ToString_PyTorchModel_IsTorchinfo()
    {
        ModelSummary summary = new TorchModelBuilder("LSTMModel").Input(1, 7, 5)
            .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, 5, 4, batchFirst: true)).TakeLastTimeStep().Build();

        string text = summary.ToString();

        text.Should().Be("""
            ==========================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #
            ==========================================================================================
            LSTMModel                                [1, 4]                    --
            ├─LSTM: 1-1                              [1, 7, 4]                 176
            ==========================================================================================
            Total params: 176
            Trainable params: 176
            Non-trainable params: 0
            Total mult-adds (M): 0.00
            ==========================================================================================
            Input size (MB): 0.00
            Forward/backward pass size (MB): 0.00
            Params size (MB): 0.00
            Estimated Total Size (MB): 0.00
            ==========================================================================================
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_InputShapeUnknown_OmitsSizeSection()
    {
        ModelSummary built = new TorchModelBuilder("Net").Input(1, 7, 5).Add(new RecurrentParams.Torch.Recurrent(CellType.Gru, 5, 4)).Build();
        var summary = new ModelSummary(built.Name, built.Convention, null, built.Rows.Skip(1));

        string text = summary.Render(SummaryFormat.Torchinfo);

        text.Should().EndWith("Non-trainable params: 0\n" + new string('=', 90)).And.NotContain("mult-adds");
    }
}
