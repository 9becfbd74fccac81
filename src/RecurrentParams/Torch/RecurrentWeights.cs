using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>What the recurrent modules and cells share: their formula, their weights and the checks of their input.</summary>
internal static class RecurrentWeights
{
    public static IParameterFormula Formula(CellType cellType, FormulaRegistry? formulas)
    {
        Guard.NotNull(cellType, nameof(cellType));
        FormulaRegistry registry = formulas ?? FormulaRegistry.Default;
        if (!registry.TryGet(cellType, out IParameterFormula? formula))
        {
            Guard.ThrowArgument(nameof(cellType), "The cell type '" + cellType.Name + "' has no registered formula; register one in a FormulaRegistry and pass it as 'formulas'.");
        }

        return formula;
    }

    public static (IReadOnlyList<WeightTensor> Weights, Derivation Derivation) Of(IParameterFormula formula, LayerSpec spec) =>
        (formula.GetWeights(spec), formula.Explain(spec));

    /// <summary>PyTorch's <c>check_input</c>: the last dimension is <c>input_size</c>, and the input has the parameters' element type.</summary>
    public static void ExpectFeatures(ForwardContext context, Tensor input, long features, int inputSize, IReadOnlyList<WeightTensor> parameters)
    {
        if (features != inputSize)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "expects input_size = {0} features in the last dimension but receives {1}", inputSize, input.Describe()));
        }

        ExpectElementType(context, input, parameters);
    }

    /// <summary>PyTorch refuses a floating input of another type than the module's parameters ("expected scalar type Float but found Double").</summary>
    public static void ExpectElementType(ForwardContext context, Tensor input, IReadOnlyList<WeightTensor> parameters)
    {
        if (parameters.Count > 0 && input.ElementType != parameters[0].ElementType)
        {
            context.Fail("has " + parameters[0].ElementType + " parameters but receives " + input.Describe() + "; convert the input with To(ElementType." + parameters[0].ElementType + "), as x.to(dtype)");
        }
    }
}
