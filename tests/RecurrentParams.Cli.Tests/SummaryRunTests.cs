using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary><c>rparams summary</c>: one file as its framework prints it, several files and folders as one table, budgets, errors, progress.</summary>
public sealed class SummaryRunTests
{
    [Theory]
    [InlineData("keras3/seq-emb-bilstm.keras", SummaryFormat.Keras3)]
    [InlineData("keras3/seq-emb-bilstm.json", SummaryFormat.Keras3)]
    [InlineData("h5/keras3-blog-simplernn.h5", SummaryFormat.Keras3)]
    [InlineData("keras3-weights/seq-emb-bilstm.weights.h5", SummaryFormat.Keras3)]
    [InlineData("keras2/keras2.3-seq-emb-gru0.json", SummaryFormat.Keras2)]
    [InlineData("h5/keras2-keras2.3-seq-emb-gru0.h5", SummaryFormat.Keras2)]
    [InlineData("tfjs/fn-branch-concat.model.json", SummaryFormat.Keras2)]
    [InlineData("onnx/lstm-bidir-2layers-bf.onnx", SummaryFormat.Torchinfo)]
    [InlineData("safetensors/lstm-proj-bidir-2layers.safetensors", SummaryFormat.Torchinfo)]
    [InlineData("torch/module-seq2seq.pt", SummaryFormat.Torchinfo)]
    [InlineData("torch/torchscript-traced.pt", SummaryFormat.Torchinfo)]
    [InlineData("torch/legacy-state-dict.pt", SummaryFormat.Torchinfo)]
    [InlineData("torch/lightning.ckpt", SummaryFormat.Torchinfo)]
    public void Summary_OneFile_PrintsItAsItsOwnFrameworksToolDoes(string fixture, SummaryFormat expected)
    {
        ImportedModel model = ModelFile.ReadFile(Fixture.FullPath(fixture));

        CliResult result = CliRunner.Exec("summary", Fixture.Path(fixture));

        SummaryRun.OwnFormat(model).Should().Be(expected);
        result.Should().Be(new CliResult(0, Terminated(model.Summary.Render(expected)), string.Empty));
    }

    [Fact]
    public void Summary_TorchCheckpoint_IsReadWithThePyTorchReader()
    {
        // nn.LSTM(5, 4).state_dict(), saved by PyTorch 1.13 (tools/oracles): 176 parameters, as the fixtures' manifest records.
        CliResult result = CliRunner.Exec("summary", Fixture.Path("torch/state-dict-lstm.pt"));

        result.Should().Be(new CliResult(
            0,
            """
            ==========================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #
            ==========================================================================================
            state-dict-lstm                          [None, None, 4]           --
            ├─LSTM: 1-1                              [None, None, 4]           176
            ==========================================================================================
            Total params: 176
            Trainable params: 176
            Non-trainable params: 0
            ==========================================================================================

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            string.Empty));
    }

    [Fact]
    public void Summary_TorchCheckpointOnStandardInput_IsRead()
    {
        byte[] input = System.IO.File.ReadAllBytes(Fixture.FullPath("torch/state-dict-lstm.pt"));

        CliResult result = new CliRunner { Input = input }.Run("summary", "-", "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("\"totalParams\": 176");
    }

    [Fact]
    public void Summary_FolderWithTorchCheckpoints_ListsThemWithTheOtherFiles()
    {
        using TempFolder folder = new TempFolder()
            .Copy("torch/state-dict-lstm.pt", "models/a.pt")
            .Copy("torch/torchscript-scripted.pt", "models/b.pth")
            .Copy("torch/legacy-state-dict.pt", "models/c.pt")
            .Copy("torch/lightning.ckpt", "models/d.ckpt")
            .Copy("onnx/lstm-5-4.onnx", "models/e.onnx");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "models");

        result.Should().Be(new CliResult(
            0,
            """
            File             Format          Total  Trainable   Bytes  Largest layer
            models/a.pt      PyTorch           176        176     704  lstm (LSTM): 176
            models/b.pth     TorchScript       843        843   3,372  gru (GRU): 816
            models/c.pt      PyTorch legacy     54         54     216  rnn (RNN): 54
            models/d.ckpt    PyTorch         6,888      6,888  27,552  model.encoder.lstm (LSTM): 4,096
            models/e.onnx    ONNX              176        176     704  /rnn/LSTM (LSTM): 176
            Total (5 files)                  8,137      8,137  32,548

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            string.Empty));
    }

    [Fact]
    public void Summary_HostileTorchCheckpoint_IsOneLineAndExitCode2()
    {
        CliResult result = CliRunner.Exec("summary", Fixture.Path("torch/hostile-os-system.pt"));

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Output.Should().BeEmpty();
        result.Error.Should().Be("rparams: " + Fixture.Path("torch/hostile-os-system.pt") + ": At hostile-os-system/data.pkl, byte 2: the pickle names posix.system, a global that only serves to run code; this reader never calls a function a file names, and refuses files that name such globals\n");
    }

    [Theory]
    [InlineData("keras2", SummaryFormat.Keras2)]
    [InlineData("KERAS3", SummaryFormat.Keras3)]
    [InlineData("markdown", SummaryFormat.Markdown)]
    [InlineData("json", SummaryFormat.Json)]
    public void Summary_Format_RendersWithTheLibrarysRenderer(string format, SummaryFormat expected)
    {
        ImportedModel model = ModelFile.ReadFile(Fixture.FullPath("keras3/seq-emb-bilstm.keras"));

        CliRunner.Exec("summary", Fixture.Path("keras3/seq-emb-bilstm.keras"), "--format", format).Output
            .Should().Be(Terminated(model.Summary.Render(expected)));
    }

    [Fact]
    public void Summary_Json_IsTheLibrarysJsonAndEqualsFormatJson()
    {
        string file = Fixture.Path("onnx/lstm-5-4.onnx");

        CliResult json = CliRunner.Exec("summary", file, "--json");

        json.Output.Should().Be(ModelFile.ReadFile(Fixture.FullPath("onnx/lstm-5-4.onnx")).Summary.Render(SummaryFormat.Json) + "\n");
        CliRunner.Exec("summary", file, "--json", "--format", "json").Should().Be(json);
    }

    [Fact]
    public void Summary_JsonAndAnotherFormat_IsAUsageError()
    {
        CliRunner.Exec("summary", Fixture.Path("onnx/lstm-5-4.onnx"), "--json", "-f", "torchinfo")
            .Should().Be(new CliResult(ExitCodes.Usage, string.Empty, "rparams: --json and --format torchinfo ask for two formats; give one.\n"));
    }

    [Theory]
    [InlineData("onnx/lstm-5-4.onnx", "keras3", "--format keras3 prints Keras models only and this is a PyTorch model; use --format torchinfo, markdown or json.")]
    [InlineData("keras3/seq-gru1.json", "torchinfo", "--format torchinfo prints PyTorch models only and this is a Keras model; use --format keras3, keras2, markdown or json.")]
    public void Summary_AnotherFrameworksFormat_IsAUsageError(string fixture, string format, string message)
    {
        CliRunner.Exec("summary", Fixture.Path(fixture), "--format", format)
            .Should().Be(new CliResult(ExitCodes.Usage, string.Empty, "rparams: " + Fixture.Path(fixture) + ": " + message + "\n"));
    }

    [Fact]
    public void Summary_StandardInput_ReadsAForwardOnlyStream()
    {
        byte[] content = File.ReadAllBytes(Fixture.FullPath("keras3/seq-emb-bilstm.keras"));

        CliResult result = new CliRunner { Input = content }.Run("summary", "-");

        result.Should().Be(CliRunner.Exec("summary", Fixture.Path("keras3/seq-emb-bilstm.keras")));
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Summary_StandardInputTwice_IsAUsageError()
    {
        CliRunner.Exec("summary", "-", "-").Should().Be(new CliResult(ExitCodes.Usage, string.Empty, "rparams: '-' (standard input) can be given only once.\n"));
    }

    [Fact]
    public void Summary_EmptyStandardInput_IsBadInputNamingStdin()
    {
        CliResult result = CliRunner.Exec("summary", "-");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().StartWith("rparams: <stdin>: At byte 0: The file is not a model file this library reads: the file is empty.");
        result.Error.Count(c => c == '\n').Should().Be(1);
    }

    [Fact]
    public void Summary_MissingFile_IsBadInputOnOneLine()
    {
        CliRunner.Exec("summary", "no/such/model.keras").Should().Be(new CliResult(ExitCodes.BadInput, string.Empty, "rparams: no/such/model.keras: no such file or folder.\n"));
    }

    [Fact]
    public void Summary_NotAModelFile_SaysWhatItsFirstBytesAre()
    {
        using TempFolder folder = new TempFolder().Write("notes.txt", "hello, world");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "notes.txt");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().Be("rparams: notes.txt: At byte 0: The file is not a model file this library reads: its first bytes are 68 65 6C 6C 6F 2C 20 77 6F 72 6C 64 (\"hello, world\"). Tried: Keras and TensorFlow.js JSON (a JSON object), .keras and PyTorch zip archives, HDF5 (.h5), safetensors, ONNX (a protobuf ModelProto) and PyTorch's legacy torch.save format.\n");
    }

    [Theory]
    [InlineData("h5/hostile-gcol-object-size.h5", "At byte 4584: global heap object")]
    [InlineData("keras-archive/hostile-zip64-size.keras", "At model.weights.h5: the entry's")]
    [InlineData("keras3-more/custom-without-weights.json", "At $.config.layers[2]: The model uses 1 layer this library cannot count", "--strict")]
    public void Summary_HostileOrUnsupportedFile_IsBadInputWithThePositionAndNoStackTrace(string fixture, string position, string? option = null)
    {
        CliResult result = option is null ? CliRunner.Exec("summary", Fixture.Path(fixture)) : CliRunner.Exec("summary", option, Fixture.Path(fixture));

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Output.Should().BeEmpty();
        result.Error.Should().StartWith("rparams: " + Fixture.Path(fixture) + ": " + position);
        result.Error.Count(c => c == '\n').Should().Be(1);
        result.Error.Should().NotContain(" at RecurrentParams");
    }

    [Fact]
    public void Summary_HostileFileVerbose_AddsTheStackTrace()
    {
        CliResult result = CliRunner.Exec("summary", Fixture.Path("h5/hostile-gcol-object-size.h5"), "--verbose");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().Contain("RecurrentParams.Import.ModelFormatException").And.Contain(" at RecurrentParams");
    }

    [Fact]
    public void Summary_UnexpectedFailure_IsBadInputOnOneLineAskingForAReport()
    {
        CliResult result = new CliRunner { Input = null! }.Run("summary", "-");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().StartWith("rparams: <stdin>: the reader failed unexpectedly (ArgumentNullException):");
    }

    [Fact]
    public void Summary_StreamThatFailsToRead_IsBadInputSayingItCannotBeRead()
    {
        var host = new CliHost(new StringWriter(), new StringWriter(), () => new FailingStream(), new System.Collections.Generic.Dictionary<string, string>(), CliRunner.TestDirectory);

        int exitCode = Rparams.Run(["summary", "-"], host);

        exitCode.Should().Be(ExitCodes.BadInput);
        host.Error.ToString().Should().Be("rparams: <stdin>: cannot read: the device is gone\n");
    }

    [Fact]
    public void Summary_Budget_PrintsTheSummaryThenFailsWithTheReason()
    {
        CliResult result = CliRunner.Exec("summary", Fixture.Path("keras3/seq-emb-bilstm.keras"), "--max-params", "4k");

        result.ExitCode.Should().Be(ExitCodes.OverBudget);
        result.Output.Should().StartWith("Model: \"seq-emb-bilstm\"\n");
        result.Error.Should().Be("rparams: " + Fixture.Path("keras3/seq-emb-bilstm.keras") + ": over budget: 4,099 parameters, over --max-params 4,000.\n");
    }

    [Fact]
    public void Summary_Folder_TabulatesTheModelFilesUnderItAndSkipsTheRest()
    {
        using TempFolder folder = new TempFolder()
            .Copy("keras3/seq-emb-bilstm.keras", "models/b/seq-emb-bilstm.keras")
            .Copy("onnx/lstm-5-4.onnx", "models/a.onnx")
            .Copy("safetensors/lstm-proj-bidir-2layers.safetensors", "models/b/lstm.safetensors")
            .Copy("onnx/manifest.json", "models/manifest.json")
            .Write("models/README.md", "# models")
            .Write("models/group1-shard1of1.bin", new byte[] { 1, 2, 3, 4 })
            .Copy("onnx/lstm-5-4.onnx", "models/.cache/hidden.onnx");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "models");

        result.Should().Be(new CliResult(0, """
            File                           Format       Total  Trainable   Bytes  Largest layer
            models/a.onnx                  ONNX           176        176     704  /rnn/LSTM (LSTM): 176
            models/b/lstm.safetensors      safetensors  1,760      1,760   7,040  lstm (LSTM): 1,760
            models/b/seq-emb-bilstm.keras  .keras       4,099      4,099  16,396  bidirectional (Bidirectional): 3,200
            Total (3 files)                             6,035      6,035  24,140

            """, string.Empty));
    }

    [Fact]
    public void Summary_SeveralFiles_TabulatesThemInTheGivenOrderWithATotal()
    {
        CliResult result = CliRunner.Exec("summary", Fixture.Path("keras3/seq-gru1.json"), Fixture.Path("tfjs/fn-branch-concat.model.json"), "--dtype", "float16");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be("""
            File                                       Format      Total  Trainable  Bytes  Largest layer
            Fixtures/keras3/seq-gru1.json              Keras JSON  1,203      1,203  2,406  gru (GRU): 1,152
            Fixtures/tfjs/fn-branch-concat.model.json  TF.js         298        298    596  lstm (LSTM): 160
            Total (2 files)                                        1,501      1,501  3,002

            """);
    }

    [Fact]
    public void Summary_FolderWithBrokenModel_ShowsAnErrorRowAndFailsWithBadInput()
    {
        using TempFolder folder = new TempFolder()
            .Copy("keras3/seq-gru1.json", "m/good.json")
            .Copy("h5/hostile-gcol-object-size.h5", "m/bad.h5")
            .Write("m/empty.keras", Array.Empty<byte>());

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "m/", "--max-params", "1000");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Output.Should().Be("""
            File             Format      Total  Trainable  Bytes  Largest layer
            m/bad.h5         error           -          -      -  -
            m/empty.keras    error           -          -      -  -
            m/good.json      Keras JSON  1,203      1,203  4,812  gru (GRU): 1,152
            Total (3 files)              1,203      1,203  4,812

            """);
        string[] errors = result.Error.Split('\n');
        errors.Should().HaveCount(4);
        errors[0].Should().StartWith("rparams: m/bad.h5: At byte 4584:");
        errors[1].Should().StartWith("rparams: m/empty.keras: At byte 0: The file is not a model file this library reads: the file is empty.");
        errors[2].Should().Be("rparams: m/good.json: over budget: 1,203 parameters, over --max-params 1,000.");
    }

    [Fact]
    public void Summary_FolderWithoutModels_IsBadInput()
    {
        using TempFolder folder = new TempFolder().Write("docs/README.md", "# nothing here");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "docs");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().Be("rparams: docs: no model files in this folder (looked for .keras, .h5, .hdf5, .onnx, .safetensors, .pt, .pth, .ckpt, PyTorch .bin, and Keras or TensorFlow.js .json).\n");
    }

    [Fact]
    public void Summary_FolderAndMissingFile_ReportsTheMissingFileAsARow()
    {
        using TempFolder folder = new TempFolder().Copy("keras3/seq-gru1.json", "m/a.json");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "m", "gone.onnx", "m");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Output.Split('\n')[2].Should().Be("gone.onnx        error           -          -      -  -");
        result.Error.Should().Be("rparams: gone.onnx: no such file or folder.\n");
    }

    [Fact]
    public void Summary_TableAsMarkdown_IsAGitHubTable()
    {
        CliResult result = CliRunner.Exec("summary", Fixture.Path("onnx/lstm-5-4.onnx"), Fixture.Path("onnx/gru-nobias.onnx"), "--format", "markdown");

        result.Output.Should().Be("""
            | File                          | Format | Total | Trainable | Bytes | Largest layer         |
            | :---------------------------- | :----- | ----: | --------: | ----: | :-------------------- |
            | Fixtures/onnx/lstm-5-4.onnx   | ONNX   |   176 |       176 |   704 | /rnn/LSTM (LSTM): 176 |
            | Fixtures/onnx/gru-nobias.onnx | ONNX   |   135 |       135 |   540 | /rnn/GRU (GRU): 135   |
            | Total (2 files)               |        |   311 |       311 | 1,244 |                       |

            """);
    }

    [Fact]
    public void Summary_TableAsJson_HoldsEachFilesRowAndItsSchemaSummary()
    {
        using TempFolder folder = new TempFolder()
            .Copy("onnx/lstm-5-4.onnx", "m/a.onnx")
            .Write("m/b.onnx", "not protobuf");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path }.Run("summary", "m", "--json", "--max-params", "100");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("dtype").GetString().Should().Be("float32");
        JsonElement[] files = json.RootElement.GetProperty("files").EnumerateArray().ToArray();
        files.Should().HaveCount(2);
        files[0].GetProperty("path").GetString().Should().Be("m/a.onnx");
        files[0].GetProperty("format").GetString().Should().Be("onnx");
        files[0].GetProperty("totalParams").GetInt64().Should().Be(176);
        files[0].GetProperty("trainableParams").GetInt64().Should().Be(176);
        files[0].GetProperty("bytes").GetInt64().Should().Be(704);
        files[0].GetProperty("largestLayer").GetProperty("class").GetString().Should().Be("LSTM");
        files[0].GetProperty("overBudget").GetBoolean().Should().BeTrue();
        files[0].GetProperty("summary").GetRawText().Should().Be(
            JsonDocument.Parse(ModelFile.ReadFile(Fixture.FullPath("onnx/lstm-5-4.onnx")).Summary.Render(SummaryFormat.Json)).RootElement.GetRawText().Replace("\n", "\n      ", StringComparison.Ordinal));
        files[1].GetProperty("format").ValueKind.Should().Be(JsonValueKind.Null);
        files[1].GetProperty("summary").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Summary_SeveralFilesWithAFormat_PrintsEachSummaryUnderItsName()
    {
        string a = Fixture.Path("keras3/seq-gru1.json");
        string b = Fixture.Path("onnx/lstm-5-4.onnx");

        CliResult result = CliRunner.Exec("summary", a, b, "--format", "keras3");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Output.Should().Be("==> " + a + " <==\n" + Terminated(ModelFile.ReadFile(Fixture.FullPath("keras3/seq-gru1.json")).Summary.Render(SummaryFormat.Keras3))
            + "\n==> " + b + " <==\n");
        result.Error.Should().Be("rparams: " + b + ": --format keras3 prints Keras models only and this is a PyTorch model; use --format torchinfo, markdown or json.\n");
    }

    [Fact]
    public void Summary_TableOnATerminal_IsBoldAndRedUnlessNoColor()
    {
        string[] args = ["summary", Fixture.Path("onnx/lstm-5-4.onnx"), Fixture.Path("onnx/gru-nobias.onnx"), "--max-params", "150"];

        CliResult colour = new CliRunner { OutputIsTerminal = true, ErrorIsTerminal = true }.Run(args);
        CliResult plain = new CliRunner { OutputIsTerminal = true, ErrorIsTerminal = true, Environment = { ["NO_COLOR"] = "1" } }.Run(args);

        colour.Output.Should().StartWith("\u001b[1mFile").And.Contain("\u001b[31mFixtures/onnx/lstm-5-4.onnx ");
        colour.Error.Should().Be("\u001b[31mrparams: Fixtures/onnx/lstm-5-4.onnx: over budget: 176 parameters, over --max-params 150.\u001b[0m\n");
        plain.Output.Should().Be(CliRunner.Exec(args).Output).And.NotContain("\u001b");
        plain.Error.Should().NotContain("\u001b");
    }

    [Fact]
    public void Summary_LongRunOnATerminal_ShowsProgressOnStandardErrorAndClearsIt()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(150));
        string[] args = ["summary", Fixture.Path("onnx/lstm-5-4.onnx"), Fixture.Path("onnx/gru-nobias.onnx"), Fixture.Path("onnx/mlp.onnx")];

        CliResult result = new CliRunner { ErrorIsTerminal = true, Clock = clock }.Run(args);

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be(CliRunner.Exec(args).Output);
        result.Error.Should().Be("\rReading 2/3: Fixtures/onnx/gru-nobias.onnx\u001b[K\rReading 3/3: Fixtures/onnx/mlp.onnx\u001b[K\r\u001b[K");
    }

    [Fact]
    public void Summary_ProgressOfALongPath_IsCutToOneTerminalLine()
    {
        using TempFolder folder = new TempFolder()
            .Copy("onnx/lstm-5-4.onnx", "a/" + new string('x', 90) + ".onnx")
            .Copy("onnx/mlp.onnx", "a/" + new string('y', 90) + ".onnx");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path, ErrorIsTerminal = true, Clock = new SteppingClock(TimeSpan.FromSeconds(1)) }.Run("summary", "a");

        result.Error.Should().StartWith("\rReading 1/2: a/xxxxxxxx").And.Contain("xxx...\u001b[K\r");
        result.Error.Split('\r')[1].Length.Should().Be(79 + "\u001b[K".Length);
    }

    [Fact]
    public void Summary_ProgressWhenPipedOrNoColor_IsNeverShown()
    {
        var clock = new SteppingClock(TimeSpan.FromSeconds(1));
        string[] args = ["summary", Fixture.Path("onnx/lstm-5-4.onnx"), Fixture.Path("onnx/mlp.onnx")];

        new CliRunner { ErrorIsTerminal = false, Clock = clock }.Run(args).Error.Should().BeEmpty();
        new CliRunner { ErrorIsTerminal = true, Clock = clock, Environment = { ["NO_COLOR"] = "yes" } }.Run(args).Error.Should().BeEmpty();
        new CliRunner { ErrorIsTerminal = true, Clock = clock, Environment = { ["TERM"] = "dumb" } }.Run(args).Error.Should().BeEmpty();
    }

    [Fact]
    public void Summary_ProgressThenAnError_ClearsTheLineBeforeTheMessage()
    {
        using TempFolder folder = new TempFolder().Copy("onnx/mlp.onnx", "m/a.onnx").Write("m/b.onnx", "x");

        CliResult result = new CliRunner { WorkingDirectory = folder.Path, ErrorIsTerminal = true, Clock = new SteppingClock(TimeSpan.FromSeconds(1)) }.Run("summary", "m");

        result.Error.Should().StartWith("\rReading 1/2: m/a.onnx\u001b[K\rReading 2/2: m/b.onnx\u001b[K\r\u001b[K\u001b[31mrparams: m/b.onnx: At byte 0:");
    }

    [Fact]
    public void Summary_Strict_IsPassedToTheReaders()
    {
        CliRunner.Exec("summary", Fixture.Path("keras3/seq-gru1.json"), "--strict").Should().Be(CliRunner.Exec("summary", Fixture.Path("keras3/seq-gru1.json")));
    }

    [Theory]
    [InlineData(ModelFileFormat.KerasJson, "Keras JSON")]
    [InlineData(ModelFileFormat.TensorFlowJs, "TF.js")]
    [InlineData(ModelFileFormat.KerasArchive, ".keras")]
    [InlineData(ModelFileFormat.KerasHdf5, "Keras HDF5")]
    [InlineData(ModelFileFormat.Onnx, "ONNX")]
    [InlineData(ModelFileFormat.Safetensors, "safetensors")]
    [InlineData(ModelFileFormat.TorchCheckpoint, "PyTorch")]
    [InlineData(ModelFileFormat.TorchScript, "TorchScript")]
    [InlineData(ModelFileFormat.TorchLegacyCheckpoint, "PyTorch legacy")]
    [InlineData((ModelFileFormat)99, "99")]
    public void FormatName_EachFormat_HasAShortName(ModelFileFormat format, string name)
    {
        SummaryRun.FormatName(format).Should().Be(name);
    }

    private static string Terminated(string text) => text.EndsWith('\n') ? text : text + "\n";

    /// <summary>A clock whose every reading is one step later than the one before.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private readonly long step;
        private long now;

        public SteppingClock(TimeSpan step)
        {
            this.step = step.Ticks;
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            long reading = now;
            now += step;
            return reading;
        }
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the device is gone");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
