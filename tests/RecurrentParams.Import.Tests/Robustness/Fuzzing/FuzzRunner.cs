using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>One reader under fuzzing: how it reads, the seed files it starts from, and how its inputs are mutated.</summary>
internal sealed record FuzzTarget(string Name, Func<Stream, ImportedModel> Read, string[] Seeds, Func<byte[], Random, (byte[] Bytes, string How)> Mutate);

/// <summary>What a run found: inputs, outcomes, the exception types that left the reader, the worst time and allocation, and the failures.</summary>
internal sealed class FuzzReport
{
    public string Target { get; init; } = string.Empty;

    public int Inputs { get; set; }

    public int Summarized { get; set; }

    public int Refused { get; set; }

    public SortedSet<string> ExceptionTypes { get; } = new(StringComparer.Ordinal);

    public TimeSpan WorstTime { get; set; }

    public string WorstTimeBy { get; set; } = "none";

    public long WorstAllocation { get; set; }

    public string WorstAllocationBy { get; set; } = "none";

    /// <summary>Gets or sets the most that rendering one accepted summary every way allocated (not part of the read's budget).</summary>
    public long WorstRenderAllocation { get; set; }

    public List<string> Failures { get; } = [];

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0}: {1:N0} inputs, {2:N0} summarized, {3:N0} refused; exceptions: {4}; worst time {5:N1} ms ({6}); worst allocation {7:N0} bytes ({8}); worst rendering {10:N0} bytes; {9} failures",
        Target,
        Inputs,
        Summarized,
        Refused,
        string.Join(", ", ExceptionTypes),
        WorstTime.TotalMilliseconds,
        WorstTimeBy,
        WorstAllocation,
        WorstAllocationBy,
        Failures.Count,
        WorstRenderAllocation);
}

/// <summary>
/// Runs a reader on mutated inputs from a fixed seed: each read, on a seekable or (one in four) a forward-only stream, must
/// return a summary that renders in every format of its convention and formats with ToString(), or throw <see cref="ModelFormatException"/>;
/// within <see cref="TimeBudget"/> and <see cref="AllocationBudget"/>. Failing inputs are kept in a folder when one is given.
/// </summary>
internal static class FuzzRunner
{
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(2);

    public const long AllocationBudget = 64L * 1024 * 1024;

    /// <summary>Runs <paramref name="inputs"/> mutations of <paramref name="target"/>'s seeds (or until <paramref name="deadline"/>).</summary>
    public static FuzzReport Run(FuzzTarget target, int inputs, int seed, string? keep = null, DateTime? deadline = null, Action<FuzzReport>? progress = null)
    {
        byte[][] seeds = target.Seeds.Select(File.ReadAllBytes).ToArray();
        var random = new Random(seed);
        var report = new FuzzReport { Target = target.Name };
        for (int index = 0; index < inputs && (deadline is null || DateTime.UtcNow < deadline); index++)
        {
            int which = random.Next(seeds.Length);
            (byte[] input, string how) = target.Mutate(seeds[which], random);
            bool forwardOnly = random.Next(4) == 0;
            string where = string.Format(CultureInfo.InvariantCulture, "{0} #{1} seed {2} {3}{4}: {5}", target.Name, index, seed, Path.GetFileName(target.Seeds[which]), forwardOnly ? " (forward-only)" : string.Empty, how);
            Outcome outcome = ReadOnce(target.Read, input, forwardOnly);
            report.Inputs++;
            string? failure = null;
            switch (outcome.Error)
            {
                case null:
                    report.Summarized++;
                    break;
                case ModelFormatException:
                    report.Refused++;
                    report.ExceptionTypes.Add(nameof(ModelFormatException));
                    break;
                case TimeoutException:
                    failure = "did not finish within 30 s";
                    break;
                case InvalidOperationException { InnerException: not null } unrenderable when unrenderable.Message.StartsWith("the summary was accepted", StringComparison.Ordinal):
                    report.ExceptionTypes.Add(unrenderable.InnerException!.GetType().Name + " (rendering)");
                    failure = unrenderable.Message + "\n" + unrenderable.InnerException.StackTrace;
                    break;
                default:
                    report.ExceptionTypes.Add(outcome.Error.GetType().Name);
                    failure = outcome.Error.GetType().FullName + ": " + outcome.Error.Message + "\n" + outcome.Error.StackTrace;
                    break;
            }

            if (outcome.Elapsed > report.WorstTime)
            {
                (report.WorstTime, report.WorstTimeBy) = (outcome.Elapsed, where);
            }

            if (outcome.Allocated > report.WorstAllocation)
            {
                (report.WorstAllocation, report.WorstAllocationBy) = (outcome.Allocated, where);
            }

            report.WorstRenderAllocation = Math.Max(report.WorstRenderAllocation, outcome.RenderAllocated);

            if (failure is null && outcome.Allocated > AllocationBudget)
            {
                failure = "allocated " + outcome.Allocated.ToString("N0", CultureInfo.InvariantCulture) + " bytes for a " + input.Length.ToString("N0", CultureInfo.InvariantCulture) + "-byte input";
            }

            if (failure is null && outcome.Elapsed > TimeBudget && !Debugger.IsAttached)
            {
                failure = "took " + outcome.Elapsed.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";
            }

            if (failure is not null)
            {
                report.Failures.Add(where + ": " + failure);
                if (keep is not null)
                {
                    Directory.CreateDirectory(keep);
                    File.WriteAllBytes(Path.Combine(keep, string.Format(CultureInfo.InvariantCulture, "{0}-{1}-{2:D7}", target.Name, seed, index)), input);
                }
            }

            if (progress is not null && report.Inputs % 10_000 == 0)
            {
                progress(report);
            }
        }

        return report;
    }

    /// <summary>
    /// One read on its own thread-pool thread, timed and with its allocations counted; a summary is then rendered every
    /// way and formatted (which must not throw), its cost counted apart: rendering is the caller's choice, and its cost
    /// follows the rows the file holds.
    /// </summary>
    public static Outcome ReadOnce(Func<Stream, ImportedModel> read, byte[] input, bool forwardOnly)
    {
        Task<Outcome> run = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            ImportedModel model;
            try
            {
                using Stream stream = forwardOnly ? new NonSeekableStream(input) : new MemoryStream(input, writable: false);
                model = read(stream);
            }
            catch (Exception e)
            {
                return new Outcome(e, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before, 0);
            }

            TimeSpan elapsed = clock.Elapsed;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            try
            {
                SummaryFormat[] formats = model.Summary.Convention == Convention.Torch
                    ? [SummaryFormat.Torchinfo, SummaryFormat.Markdown, SummaryFormat.Json]
                    : [SummaryFormat.Keras3, SummaryFormat.Keras2, SummaryFormat.Markdown, SummaryFormat.Json];
                foreach (SummaryFormat format in formats)
                {
                    _ = model.Summary.Render(format);
                }

                _ = model.Summary.ToString();
                _ = model.Summary.Rows.Select(r => r.ToString()).ToList();
                _ = model.Recovered.Select(r => r.ToString()).ToList();
            }
            catch (Exception e)
            {
                return new Outcome(new InvalidOperationException("the summary was accepted but does not render: " + e.GetType().Name + ": " + e.Message, e), elapsed, allocated, 0);
            }

            return new Outcome(null, elapsed, allocated, GC.GetAllocatedBytesForCurrentThread() - before - allocated);
        });
        return run.Wait(TimeSpan.FromSeconds(30)) ? run.Result : new Outcome(new TimeoutException(), TimeSpan.FromSeconds(30), 0, 0);
    }

    internal readonly record struct Outcome(Exception? Error, TimeSpan Elapsed, long Allocated, long RenderAllocated);
}
