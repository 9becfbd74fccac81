using System;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

public sealed class FormulaRegistryTests
{
    [Fact]
    public void CreateDefault_HoldsTheBuiltIns()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();

        registry.CellTypes.Should().Equal(CellType.CuDnnGru, CellType.CuDnnLstm, CellType.Gru, CellType.Lstm, CellType.SimpleRnn);
        registry.Get(CellType.Lstm).Should().BeSameAs(BuiltInFormulas.Lstm);
        registry.Get(CellType.CuDnnLstm).Should().BeSameAs(BuiltInFormulas.CuDnnLstm);
        BuiltInFormulas.All.Select(f => f.CellType).Should().Equal(CellType.SimpleRnn, CellType.Lstm, CellType.Gru, CellType.CuDnnLstm, CellType.CuDnnGru);
    }

    [Fact]
    public void NewRegistry_IsEmpty()
    {
        var registry = new FormulaRegistry();

        registry.CellTypes.Should().BeEmpty();
        registry.TryGet(CellType.Lstm, out IParameterFormula? formula).Should().BeFalse();
        formula.Should().BeNull();
    }

    [Fact]
    public void Register_Twice_Throws_TryRegister_ReturnsFalse()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();

        FluentActions.Invoking(() => registry.Register(BuiltInFormulas.Lstm)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "formula").WithMessage("A formula for cell type 'LSTM' is already registered*");
        registry.TryRegister(new IndRnnFormula()).Should().BeTrue();
        registry.TryRegister(new IndRnnFormula()).Should().BeFalse();
    }

    [Fact]
    public void NullArguments_Throw()
    {
        var registry = new FormulaRegistry();

        FluentActions.Invoking(() => registry.Register(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => registry.Get(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => registry.CountParameters(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => registry.GetWeights(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => registry.Explain(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void IsolatedRegistry_DoesNotChangeDefault()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();
        registry.Register(new IsolatedFormula());

        registry.TryGet(IsolatedFormula.Isolated, out _).Should().BeTrue();
        FormulaRegistry.Default.TryGet(IsolatedFormula.Isolated, out _).Should().BeFalse();
    }

    /// <summary>A cell only this test registers, so the shared default registry can be checked for it.</summary>
    private sealed class IsolatedFormula : ParameterFormula
    {
        public static readonly CellType Isolated = new("IsolatedCell");

        public IsolatedFormula()
            : base(Isolated)
        {
        }

        protected override System.Collections.Generic.IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block)
        {
            yield return new WeightTensor("kernel", new TensorShape(block.InputSize, spec.Units));
        }
    }

    [Fact]
    public void ConcurrentRegistration_AddsEachCellOnce()
    {
        var registry = new FormulaRegistry();
        int added = 0;

        Parallel.For(0, 64, _ =>
        {
            if (registry.TryRegister(new IndRnnFormula()))
            {
                System.Threading.Interlocked.Increment(ref added);
            }
        });

        added.Should().Be(1);
    }
}
