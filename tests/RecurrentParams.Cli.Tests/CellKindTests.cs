using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class CellKindTests
{
    [Fact]
    public void Find_IgnoresCaseAndKnowsEveryCell()
    {
        CellKind.Find("LSTM").Should().Be(CellKind.Find("lstm"));
        CellKind.Names.Should().Equal("simplernn", "rnn", "lstm", "gru", "cudnnlstm", "cudnngru", "simplernncell", "rnncell", "lstmcell", "grucell");
        CellKind.Find("rnn").Type.Should().Be(CellType.SimpleRnn);
    }

    [Fact]
    public void Find_UnknownName_IsAUsageErrorListingTheNames()
    {
        FluentActions.Invoking(() => CellKind.Find("mamba")).Should().Throw<CliException>()
            .Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Theory]
    [InlineData("cudnnlstm", true, "lstm")]
    [InlineData("cudnngru", true, "gru")]
    [InlineData("gru", false, "gru")]
    [InlineData("lstmcell", false, "lstmcell")]
    public void TorchEquivalent_CuDnnLayers_AreCountedAsTheirPlainModules(string name, bool cuDnn, string torch)
    {
        CellKind kind = CellKind.Find(name);

        kind.IsCuDnn.Should().Be(cuDnn);
        kind.TorchEquivalent.Name.Should().Be(torch);
    }
}
