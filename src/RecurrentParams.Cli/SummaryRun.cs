using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RecurrentParams.Import;

namespace RecurrentParams.Cli;

/// <summary>
/// <c>rparams summary</c>: one file (or <c>-</c>, standard input) prints its summary; several files or a folder print one
/// table, a row per model file. Every file is read by <see cref="ModelFile"/>, which tells the format from the content.
/// </summary>
/// <remarks>Used once, from one thread.</remarks>
internal sealed class SummaryRun
{
    private const string StandardInput = "-";

    private static readonly TimeSpan ProgressDelay = TimeSpan.FromMilliseconds(200);

    private readonly CliHost host;
    private readonly Budget budget;
    private readonly SummaryFormat? format;
    private readonly ModelReaderOptions options;
    private readonly bool verbose;
    private int exitCode;
    private bool progressShown;

    /// <summary>Initializes a new instance of the <see cref="SummaryRun"/> class.</summary>
    /// <param name="host">The console.</param>
    /// <param name="budget">The budget gate.</param>
    /// <param name="format">The format asked for, or <see langword="null"/> for each file's own framework's tool (and a table for several files).</param>
    /// <param name="options">The readers' limits and strictness.</param>
    /// <param name="verbose">Whether errors show their stack trace.</param>
    public SummaryRun(CliHost host, Budget budget, SummaryFormat? format, ModelReaderOptions options, bool verbose)
    {
        this.host = host;
        this.budget = budget;
        this.format = format;
        this.options = options;
        this.verbose = verbose;
    }

    /// <summary>Summarizes the paths.</summary>
    /// <param name="paths">Files, folders, or <c>-</c> for standard input.</param>
    /// <returns>The exit code.</returns>
    public int Run(IReadOnlyList<string> paths)
    {
        if (paths.Count(p => p == StandardInput) > 1)
        {
            throw CliException.Usage("'-' (standard input) can be given only once.");
        }

        if (paths.Count == 1 && (paths[0] == StandardInput || !Directory.Exists(host.Resolve(paths[0]))))
        {
            return Single(paths[0]);
        }

        return Many(paths);
    }

    /// <summary>Picks the format a file's own framework prints its summary in: torchinfo for PyTorch models, Keras 2's for files Keras 1 or 2 or TensorFlow.js wrote, Keras 3's otherwise.</summary>
    /// <param name="model">The model read.</param>
    /// <returns>The format.</returns>
    public static SummaryFormat OwnFormat(ImportedModel model)
    {
        if (model.Summary.Convention == Convention.Torch)
        {
            return SummaryFormat.Torchinfo;
        }

        bool keras2 = model.Format == ModelFileFormat.TensorFlowJs
            || (model.Metadata.TryGetValue("keras_version", out string? version) && (version.StartsWith("1.", StringComparison.Ordinal) || version.StartsWith("2.", StringComparison.Ordinal)));
        return keras2 ? SummaryFormat.Keras2 : SummaryFormat.Keras3;
    }

    /// <summary>Names a file format for the table: <c>Keras JSON</c>, <c>TF.js</c>, <c>.keras</c>, <c>Keras HDF5</c>, <c>ONNX</c>, <c>safetensors</c>, <c>PyTorch</c>, <c>TorchScript</c>, <c>PyTorch legacy</c>.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The short name; a format added later shows its enum name.</returns>
    public static string FormatName(ModelFileFormat format) => format switch
    {
        ModelFileFormat.KerasJson => "Keras JSON",
        ModelFileFormat.TensorFlowJs => "TF.js",
        ModelFileFormat.KerasArchive => ".keras",
        ModelFileFormat.KerasHdf5 => "Keras HDF5",
        ModelFileFormat.Onnx => "ONNX",
        ModelFileFormat.Safetensors => "safetensors",
        ModelFileFormat.TorchCheckpoint => "PyTorch",
        ModelFileFormat.TorchScript => "TorchScript",
        ModelFileFormat.TorchLegacyCheckpoint => "PyTorch legacy",
        _ => format.ToString(),
    };

    private int Single(string path)
    {
        ImportedModel model;
        try
        {
            model = Read(path);
        }
        catch (CliException e)
        {
            Report(e);
            return exitCode;
        }

        SummaryFormat chosen = format ?? OwnFormat(model);
        host.Output.Write(Render(model, chosen, path));
        Gate(path, model.Summary.TotalParams);
        return exitCode;
    }

    private int Many(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            string absolute = host.Resolve(path);
            if (path != StandardInput && Directory.Exists(absolute))
            {
                IReadOnlyList<string> found = List(path, absolute);
                files.AddRange(found.Select(relative => Display(path, relative)));
            }
            else
            {
                files.Add(path);
            }
        }

        var rows = new List<(string Path, ImportedModel? Model)>(files.Count);
        long start = host.Clock.GetTimestamp();
        for (int k = 0; k < files.Count; k++)
        {
            ShowProgress(start, k, files.Count, files[k]);
            try
            {
                rows.Add((files[k], Read(files[k])));
            }
            catch (CliException e)
            {
                ClearProgress();
                Report(e);
                rows.Add((files[k], null));
            }
        }

        ClearProgress();
        host.Output.Write(format switch
        {
            null => Table(rows).ToText(host.Colour),
            SummaryFormat.Markdown => Table(rows).ToMarkdown(),
            SummaryFormat.Json => Json(rows),
            SummaryFormat chosen => Summaries(rows, chosen),
        });
        foreach ((string path, ImportedModel? model) in rows)
        {
            if (model is not null)
            {
                Gate(path, model.Summary.TotalParams);
            }
        }

        return exitCode;
    }

    private IReadOnlyList<string> List(string path, string absolute)
    {
        try
        {
            IReadOnlyList<string> found = ModelFiles.Find(absolute);
            if (found.Count == 0)
            {
                Report(new CliException(path + ": no model files in this folder (looked for .keras, .h5, .hdf5, .onnx, .safetensors, .pt, .pth, .ckpt, PyTorch .bin, and Keras or TensorFlow.js .json)."));
            }

            return found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(new CliException(path + ": cannot list the folder: " + e.Message, e));
            return [];
        }
    }

    private static string Display(string folder, string relative) =>
        folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) ? folder + relative : folder + "/" + relative;

    private ImportedModel Read(string path)
    {
        try
        {
            if (path == StandardInput)
            {
                using Stream input = host.OpenStandardInput();
                return ModelFile.Read(input, options);
            }

            string absolute = host.Resolve(path);
            if (!File.Exists(absolute))
            {
                throw new CliException(path + ": " + (Directory.Exists(absolute) ? "is a folder" : "no such file or folder") + ".");
            }

            return ModelFile.ReadFile(absolute, options);
        }
        catch (ModelFormatException e)
        {
            throw new CliException(Name(path) + ": " + e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(Name(path) + ": cannot read: " + e.Message, e);
        }
        catch (Exception e) when (e is not CliException and not OutOfMemoryException)
        {
            // The readers promise ModelFormatException for every bad file; anything else is a defect, reported as one line too.
            throw new CliException(Name(path) + ": the reader failed unexpectedly (" + e.GetType().Name + "): " + e.Message + " Please report it with the file.", e);
        }
    }

    private static string Name(string path) => path == StandardInput ? "<stdin>" : path;

    private static string Render(ImportedModel model, SummaryFormat chosen, string path)
    {
        ModelSummary summary = model.Summary;
        bool torch = summary.Convention == Convention.Torch;
        if ((chosen is SummaryFormat.Keras3 or SummaryFormat.Keras2 && torch) || (chosen == SummaryFormat.Torchinfo && !torch))
        {
            throw CliException.Usage(string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0}: --format {1} prints {2} models only and this is a {3} model; use --format {4}, markdown or json.",
                Name(path),
                FormatOption(chosen),
                torch ? "Keras" : "PyTorch",
                torch ? "PyTorch" : "Keras",
                torch ? "torchinfo" : "keras3, keras2"));
        }

        string text = summary.Render(chosen);
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private static string FormatOption(SummaryFormat format) => format.ToString().ToLowerInvariant();

    private TextTable Table(List<(string Path, ImportedModel? Model)> rows)
    {
        var table = new TextTable("File", "Format", ">Total", ">Trainable", ">Bytes", "Largest layer");
        Int128 total = 0, trainable = 0, bytes = 0;
        foreach ((string path, ImportedModel? model) in rows)
        {
            if (model is null)
            {
                table.Add(highlight: true, path, "error", "-", "-", "-", "-");
                continue;
            }

            ModelSummary summary = model.Summary;
            long? size = budget.Bytes(summary.TotalParams);
            total += summary.TotalParams;
            trainable += summary.TrainableParams;
            bytes += size ?? 0;
            table.Add(
                budget.Check(summary.TotalParams).Count > 0,
                path,
                FormatName(model.Format),
                Numbers.Grouped(summary.TotalParams),
                Numbers.Grouped(summary.TrainableParams),
                size is long b ? Numbers.Grouped(b) : "overflow",
                Largest(summary) is LayerSummary largest ? largest.Name + " (" + largest.ClassName + "): " + Numbers.Grouped(largest.Params) : "-");
        }

        if (rows.Count > 1)
        {
            table.Add("Total (" + rows.Count + " files)", string.Empty, Numbers.Grouped(total), Numbers.Grouped(trainable), Numbers.Grouped(bytes), string.Empty);
        }

        return table;
    }

    private static LayerSummary? Largest(ModelSummary summary)
    {
        LayerSummary? largest = null;
        foreach (LayerSummary row in summary.Rows)
        {
            if (row.Params > 0 && (largest is null || row.Params > largest.Params))
            {
                largest = row;
            }
        }

        return largest;
    }

    private string Json(List<(string Path, ImportedModel? Model)> rows) => JsonOut.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("dtype", budget.ElementTypeName);
        writer.WriteStartArray("files");
        foreach ((string path, ImportedModel? model) in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            if (model is null)
            {
                writer.WriteNull("format");
                writer.WriteNull("totalParams");
                writer.WriteNull("trainableParams");
                writer.WriteNull("bytes");
                writer.WriteNull("largestLayer");
                writer.WriteNull("overBudget");
                writer.WriteNull("summary");
                writer.WriteEndObject();
                continue;
            }

            ModelSummary summary = model.Summary;
            writer.WriteString("format", JsonOut.CamelCase(model.Format.ToString()));
            writer.WriteNumber("totalParams", summary.TotalParams);
            writer.WriteNumber("trainableParams", summary.TrainableParams);
            if (budget.Bytes(summary.TotalParams) is long bytes)
            {
                writer.WriteNumber("bytes", bytes);
            }
            else
            {
                writer.WriteNull("bytes");
            }

            if (Largest(summary) is LayerSummary largest)
            {
                writer.WriteStartObject("largestLayer");
                writer.WriteString("name", largest.Name);
                writer.WriteString("class", largest.ClassName);
                writer.WriteNumber("params", largest.Params);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("largestLayer");
            }

            writer.WriteBoolean("overBudget", budget.Check(summary.TotalParams).Count > 0);
            writer.WritePropertyName("summary");
            JsonOut.WriteRendered(writer, summary.Render(SummaryFormat.Json));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private string Summaries(List<(string Path, ImportedModel? Model)> rows, SummaryFormat chosen)
    {
        var text = new StringBuilder();
        foreach ((string path, ImportedModel? model) in rows)
        {
            if (model is null)
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : "\n").Append("==> ").Append(path).Append(" <==\n");
            try
            {
                text.Append(Render(model, chosen, path));
            }
            catch (CliException e)
            {
                Report(e);
            }
        }

        return text.ToString();
    }

    private void Gate(string path, long parameters)
    {
        IReadOnlyList<string> reasons = budget.Check(parameters);
        if (reasons.Count > 0)
        {
            WriteError(Name(path) + ": over budget: " + string.Join("; ", reasons) + ".");
            exitCode = Math.Max(exitCode, ExitCodes.OverBudget);
        }
    }

    private void Report(CliException e)
    {
        WriteError(e.Message);
        if (verbose && e.InnerException is not null)
        {
            host.WriteError(e.InnerException.ToString());
        }

        exitCode = Math.Max(exitCode, e.ExitCode);
    }

    private void WriteError(string message) => Commands.WriteError(host, message);

    private void ShowProgress(long start, int index, int count, string path)
    {
        if (!host.Progress || host.Clock.GetElapsedTime(start) < ProgressDelay)
        {
            return;
        }

        string status = "Reading " + (index + 1) + "/" + count + ": " + path;
        if (status.Length > 79)
        {
            status = status[..76] + "...";
        }

        host.Error.Write("\r" + status + Ansi.ClearLine);
        progressShown = true;
    }

    private void ClearProgress()
    {
        if (progressShown)
        {
            host.Error.Write("\r" + Ansi.ClearLine);
            progressShown = false;
        }
    }
}
