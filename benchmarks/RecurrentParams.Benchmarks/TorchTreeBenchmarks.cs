using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using RecurrentParams.Torch;

namespace RecurrentParams.Benchmarks;

/// <summary>
/// A PyTorch model of 1,000 modules as a tree — built, traced as torchinfo traces it, rendered — against the same
/// number of modules as a flat stack of the <see cref="TorchModelBuilder"/>'s fluent API.
/// </summary>
/// <remarks>
/// The tree: a model holding a <c>ModuleList</c> of 166 blocks (each a module of its own with a <c>Sequential</c> of
/// <c>Linear(64, 64)</c> and <c>ReLU</c>, a <c>LayerNorm(64)</c> and a <c>Dropout</c>: 6 modules), a last
/// <c>LayerNorm</c> and a <c>Linear(64, 10)</c> head: 1,000 modules, 2 to 3 deep, run on a <c>(8, 20, 64)</c> input. The
/// flat baseline stacks 1,000 modules (<c>Linear</c>, <c>ReLU</c>, <c>LayerNorm</c>, <c>Dropout</c> in turn) on the same
/// input and renders the same torchinfo text.
/// </remarks>
[MemoryDiagnoser]
public class TorchTreeBenchmarks
{
    private const int Blocks = 166;
    private TorchModelBuilder flat = null!;
    private TorchModule tree = null!;
    private ModelSummary treeSummary = null!;

    /// <summary>Prepares the flat builder, one tree and its summary.</summary>
    [GlobalSetup]
    public void Setup()
    {
        flat = new TorchModelBuilder("Flat").Input(8, 20, 64);
        for (int k = 0; k < 1000; k++)
        {
            _ = (k % 4) switch
            {
                0 => flat.Linear(64),
                1 => flat.Add(new Relu()),
                2 => flat.LayerNorm(),
                _ => flat.Dropout(0.1),
            };
        }

        tree = Tree();
        treeSummary = new TorchModelBuilder(tree).Input(8, 20, 64).Build();
    }

    /// <summary>The baseline: the flat stack of 1,000 modules built (sizes inferred, forward traced) and rendered as torchinfo.</summary>
    /// <returns>The torchinfo text.</returns>
    [Benchmark(Baseline = true)]
    public string FlatBuildAndRender() => flat.Build().Render(SummaryFormat.Torchinfo);

    /// <summary>The tree made from its modules, traced as torchinfo traces it, and rendered.</summary>
    /// <returns>The torchinfo text.</returns>
    [Benchmark]
    public string TreeBuildAndRender() => new TorchModelBuilder(Tree()).Input(8, 20, 64).Build().Render(SummaryFormat.Torchinfo);

    /// <summary>Making the 1,000 module objects alone.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public TorchModule TreeConstruct() => Tree();

    /// <summary>Tracing a made tree alone: the forward pass over shapes and torchinfo's rows.</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public ModelSummary TreeBuild() => new TorchModelBuilder(tree).Input(8, 20, 64).Build();

    /// <summary>Rendering a built summary alone as torchinfo.</summary>
    /// <returns>The torchinfo text.</returns>
    [Benchmark]
    public string TreeRender() => treeSummary.Render(SummaryFormat.Torchinfo);

    /// <summary>Printing the tree as <c>print(model)</c>.</summary>
    /// <returns>The repr.</returns>
    [Benchmark]
    public string TreeRepr() => tree.ToString();

    private static CustomModule Tree()
    {
        var blocks = new List<TorchModule>(Blocks);
        for (int k = 0; k < Blocks; k++)
        {
            blocks.Add(new CustomModule(
                "Block",
                [("ff", new Sequential(new Linear(64, 64), new Relu())), ("norm", new LayerNorm(64)), ("drop", new Dropout(0.1))],
                (self, x) => self.Call("drop", self.Call("norm", self.Call("ff", x)))));
        }

        return new CustomModule(
            "Net",
            [("blocks", new ModuleList(blocks)), ("norm", new LayerNorm(64)), ("head", new Linear(64, 10))],
            (self, x) =>
            {
                foreach (string name in self.ChildNames("blocks"))
                {
                    x = self.Call("blocks." + name, x);
                }

                return self.Call("head", self.Call("norm", x));
            });
    }
}
