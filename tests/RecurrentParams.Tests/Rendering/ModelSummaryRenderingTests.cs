using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using FluentAssertions;
using RecurrentParams.Keras;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class ModelSummaryRenderingTests
{
    public static TheoryData<SummaryFormat> Formats => new() { SummaryFormat.Keras3, SummaryFormat.Keras2, SummaryFormat.Torchinfo, SummaryFormat.Markdown, SummaryFormat.Json };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Render_UnderGermanAndArabicCultures_IsInvariant(SummaryFormat format)
    {
        ModelSummary keras = new KerasModelBuilder("seq").TokenInput(null).Embedding(5000, 128).Bidirectional(new Recurrent(CellType.Lstm, 256)).BatchNormalization().Dense(3).Build();
        ModelSummary torch = new TorchModelBuilder("Net").Input(ElementType.Int64, 32, 50)
            .Add(new RecurrentParams.Torch.Embedding(5000, 100)).Add(new RecurrentParams.Torch.Recurrent(CellType.Gru, 100, 640, numLayers: 2, batchFirst: true)).Add(new RecurrentParams.Torch.Linear(640, 10)).Build();
        // Each tool prints its own framework's models only; Markdown and JSON print both.
        ModelSummary? forKeras = format == SummaryFormat.Torchinfo ? null : keras;
        ModelSummary? forTorch = format is SummaryFormat.Keras3 or SummaryFormat.Keras2 ? null : torch;
        string expectedKeras = forKeras?.Render(format) ?? string.Empty;
        string expectedTorch = forTorch?.Render(format) ?? string.Empty;

        foreach (string culture in new[] { "de-DE", "ar-SA" })
        {
            InCulture(culture, () => forKeras?.Render(format) ?? string.Empty).Should().Be(expectedKeras);
            InCulture(culture, () => forTorch?.Render(format) ?? string.Empty).Should().Be(expectedTorch);
        }

        (expectedKeras + expectedTorch).Should().Contain(format == SummaryFormat.Json ? "1432067" : format == SummaryFormat.Torchinfo ? "4,392,490" : "1,432,067");
        (expectedKeras + expectedTorch).Should().NotContain("1.432.067").And.NotContain("\u066C").And.NotContain("\u066B");
    }

    [Fact]
    public void ToString_KerasModel_IsKeras3()
    {
        ModelSummary summary = new KerasModelBuilder("blog").Input(null, 5).SimpleRnn(4).Build();

        summary.ToString().Should().Be(summary.Render(SummaryFormat.Keras3)).And.StartWith("Model: \"blog\"\n┏");
    }

    [Fact]
    public void Render_UndefinedFormat_ThrowsArgumentOutOfRange()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4).Build();

        var render = () => summary.Render((SummaryFormat)99);

        render.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("format");
    }

    [Fact]
    public void Render_NullOptions_ThrowsArgumentNull()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4).Build();

        ((Action)(() => summary.Render((Keras3SummaryOptions)null!))).Should().Throw<ArgumentNullException>().WithParameterName("options");
        ((Action)(() => summary.Render((TorchinfoSummaryOptions)null!))).Should().Throw<ArgumentNullException>().WithParameterName("options");
    }

    [Theory]
    [InlineData(SummaryFormat.Keras3, "Keras3")]
    [InlineData(SummaryFormat.Keras2, "Keras2")]
    public void Render_TorchModelWithAKerasFormat_ThrowsNamingTheFormatsThatFit(SummaryFormat format, string formatName)
    {
        ModelSummary torch = new TorchModelBuilder("Net").Input(1, 7, 5).Lstm(4, batchFirst: true).Build();

        Action render = () => torch.Render(format);

        render.Should().Throw<InvalidOperationException>().WithMessage(
            "The model 'Net' is a PyTorch model; " + formatName + " prints Keras models only. Render it as Torchinfo, Markdown or Json.");
        FluentActions.Invoking(() => torch.Render(new Keras3SummaryOptions())).Should().Throw<InvalidOperationException>()
            .WithMessage("The model 'Net' is a PyTorch model; Keras3 prints Keras models only.*");
        torch.Render(SummaryFormat.Markdown).Should().StartWith("| Layer (type:depth-idx)");
    }

    [Fact]
    public void Render_KerasModelAsTorchinfo_ThrowsNamingTheFormatsThatFit()
    {
        ModelSummary keras = new KerasModelBuilder("seq").Input(null, 5).Lstm(4).Build();

        Action render = () => keras.Render(SummaryFormat.Torchinfo);
        Action withOptions = () => keras.Render(new TorchinfoSummaryOptions { Verbose = 2 });

        render.Should().Throw<InvalidOperationException>().WithMessage(
            "The model 'seq' is a Keras model; Torchinfo prints PyTorch models only. Render it as Keras3, Keras2, Markdown or Json.");
        withOptions.Should().Throw<InvalidOperationException>().WithMessage("The model 'seq' is a Keras model; Torchinfo prints PyTorch models only.*");
        keras.Render(SummaryFormat.Json).Should().Contain("\"convention\": \"keras\"");
    }

    private static string InCulture(string name, Func<string> render)
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        CultureInfo savedUi = Thread.CurrentThread.CurrentUICulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = Thread.CurrentThread.CurrentUICulture = new CultureInfo(name);
            return render();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
            Thread.CurrentThread.CurrentUICulture = savedUi;
        }
    }

    [Fact]
    public void Render_TorchRepr_PrintsTheModuleTree()
    {
        ModelSummary summary = new TorchModelBuilder("Net").Input(2, 7, 5).Lstm(4, batchFirst: true).TakeLastTimeStep().Linear(3).Build();

        summary.Render(SummaryFormat.TorchRepr).Should().Be("""
            Net(
              (lstm): LSTM(5, 4, batch_first=True)
              (linear): Linear(in_features=4, out_features=3, bias=True)
            )
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_TorchRepr_WithoutATreeOrOfKeras_Throws()
    {
        ModelSummary built = new TorchModelBuilder("Net").Input(2, 5).Linear(3).Build();
        var read = new ModelSummary("Net", Convention.Torch, null, built.Rows.Skip(1));
        ModelSummary keras = new KerasModelBuilder("k").Input(null, 5).Dense(3).Build();

        FluentActions.Invoking(() => read.Render(SummaryFormat.TorchRepr)).Should().Throw<InvalidOperationException>().WithMessage("The model 'Net' has no module tree to print*");
        FluentActions.Invoking(() => keras.Render(SummaryFormat.TorchRepr)).Should().Throw<InvalidOperationException>().WithMessage("*TorchRepr prints PyTorch models only*");
    }
}
