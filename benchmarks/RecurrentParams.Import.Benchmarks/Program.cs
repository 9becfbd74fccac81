using BenchmarkDotNet.Running;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>The benchmark runner's entry point.</summary>
/// <remarks>Uses <see cref="BenchmarkSwitcher"/> so that the usual options work, e.g. <c>dotnet run -c Release -- --filter '*' --job short</c>.</remarks>
public static class Program
{
    /// <summary>Runs the benchmarks the command line selects.</summary>
    /// <param name="args">BenchmarkDotNet command-line arguments (<c>--filter</c>, <c>--job</c>, <c>--exporters</c>, ...).</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
