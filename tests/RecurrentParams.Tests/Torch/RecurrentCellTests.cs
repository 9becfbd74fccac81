using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class RecurrentCellTests
{
    [Theory]
    [InlineData("SimpleRNN", "RNNCell", 4 * 5 + 4 * 4 + 8)]
    [InlineData("LSTM", "LSTMCell", 4 * (4 * 5 + 4 * 4 + 8))]
    [InlineData("GRU", "GRUCell", 3 * (4 * 5 + 4 * 4 + 8))]
    public void Constructor_Cell_IsPyTorchsCell(string cell, string className, long count)
    {
        var module = new RecurrentCell(new CellType(cell), 5, 4);

        module.ClassName.Should().Be(className);
        module.Parameters.Select(p => p.Name).Should().Equal("weight_ih", "weight_hh", "bias_ih", "bias_hh");
        module.Parameters.Sum(p => p.Count).Should().Be(count);
        (module.InputSize, module.HiddenSize, module.Bias, module.Nonlinearity).Should().Be((5, 4, true, "tanh"));
        module.CellType.Should().Be(new CellType(cell));
    }

    [Fact]
    public void ExtraRepr_NoBiasRelu_FollowsRnnCellBase()
    {
        new RecurrentCell(CellType.SimpleRnn, 5, 3, bias: false, nonlinearity: "relu").ToString().Should().Be("RNNCell(5, 3, bias=False, nonlinearity=relu)");
        new RecurrentCell(CellType.Gru, 5, 3).ToString().Should().Be("GRUCell(5, 3)");
    }

    [Theory]
    [InlineData("LSTM", "relu")]
    [InlineData("SimpleRNN", "sigmoid")]
    public void Constructor_NonlinearityNotAllowed_Throws(string cell, string nonlinearity)
    {
        Action act = () => _ = new RecurrentCell(new CellType(cell), 5, 3, nonlinearity: nonlinearity);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(nonlinearity));
    }

    [Fact]
    public void Constructor_BadSizes_Throw()
    {
        FluentActions.Invoking(() => new RecurrentCell(CellType.Lstm, 0, 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("inputSize");
        FluentActions.Invoking(() => new RecurrentCell(CellType.Lstm, 5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hiddenSize");
        FluentActions.Invoking(() => new RecurrentCell(CellType.Lstm, 5, 3, nonlinearity: null!)).Should().Throw<ArgumentNullException>().WithParameterName("nonlinearity");
        FluentActions.Invoking(() => new RecurrentCell(null!, 5, 3)).Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Fact]
    public void Forward_LstmCell_ReturnsHiddenAndCellState()
    {
        Probe.Shapes(Probe.Run(new RecurrentCell(CellType.Lstm, 5, 4), Probe.Floats(3, 5))).Should().Be("([3, 4], [3, 4])");
        Probe.Shapes(Probe.Run(new RecurrentCell(CellType.Lstm, 5, 4), Probe.Floats(5))).Should().Be("([4], [4])");
    }

    [Fact]
    public void Forward_GruCell_ReturnsTheHiddenState()
    {
        Probe.Shapes(Probe.Run(new RecurrentCell(CellType.Gru, 5, 4), Probe.Floats(3, 5), Probe.Floats(3, 4))).Should().Be("[3, 4]");
    }

    [Fact]
    public void Forward_Sequence_Throws()
    {
        Action act = () => Probe.Run(new RecurrentCell(CellType.Gru, 5, 4), Probe.Floats(2, 3, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (GRUCell) expects a 1-D (unbatched) or 2-D (batched) input but receives a tensor [2, 3, 5] of Float32.");
    }
}
