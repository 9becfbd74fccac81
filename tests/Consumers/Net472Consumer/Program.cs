using System;
using RecurrentParams;
using RecurrentParams.Import;

// Uses each package's main entry points, so that the build resolves every assembly they depend on.
internal static class Program
{
    private static int Main(string[] args)
    {
        long lstm = Params.Lstm(4, 5);
        ModelSummary summary = new KerasModelBuilder("encoder").Input(null, 5).Lstm(4).Dense(3).Build();
        Console.WriteLine(lstm + " " + summary.Render(SummaryFormat.Markdown));
        if (args.Length > 0)
        {
            ImportedModel model = ModelFile.ReadFile(args[0]);
            Console.WriteLine(model.Summary.TotalParams);
        }

        return 0;
    }
}
