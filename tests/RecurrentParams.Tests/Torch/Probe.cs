using RecurrentParams.Torch;

namespace RecurrentParams.Tests.Torch;

/// <summary>Runs one module on given inputs through the public API: a model of class <c>Probe</c> whose forward calls it.</summary>
internal static class Probe
{
    public static Tensor Run(TorchModule module, params Tensor[] inputs)
    {
        Tensor? result = null;
        var probe = new CustomModule("Probe", [("m", module)], (self, _) => result = self.Call("m", inputs));
        new TorchModelBuilder(probe).Input(1).Build();
        return result!;
    }

    public static Tensor Floats(params long[] shape) => Tensor.Zeros(ElementType.Float32, shape);

    public static string Shapes(Tensor value) =>
        value.IsTuple ? "(" + string.Join(", ", Enumerable(value)) + ")" : value.IsPackedSequence ? "packed " + Shapes(value.Data) : "[" + string.Join(", ", value.Shape) + "]";

    private static System.Collections.Generic.IEnumerable<string> Enumerable(Tensor tuple)
    {
        for (int k = 0; k < tuple.Count; k++)
        {
            yield return Shapes(tuple.Item(k));
        }
    }
}
