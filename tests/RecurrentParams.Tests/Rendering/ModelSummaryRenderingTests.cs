using System;
using System.Globalization;
using System.Threading;
using FluentAssertions;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class ModelSummaryRenderingTests
{
    public static TheoryData<SummaryFormat> Formats => new() { SummaryFormat.Keras3, SummaryFormat.Keras2, SummaryFormat.Torchinfo, SummaryFormat.Markdown, SummaryFormat.Json };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Render_UnderGermanAndArabicCultures_IsInvariant(SummaryFormat format)
    {
        ModelSummary keras = new ModelBuilder("seq").TokenInput(null).Embedding(5000, 128).Bidirectional(new Recurrent(CellType.Lstm, 256)).BatchNormalization().Dense(3).Build();
        ModelSummary torch = new ModelBuilder("Net", Convention.PyTorch).TorchInput(ElementType.Int64, 32, 50)
            .Add(new TorchEmbedding(5000, 100)).Add(new TorchRecurrent(CellType.Gru, 640, numLayers: 2, batchFirst: true)).Add(new TorchLinear(10)).Build();
        string expectedKeras = keras.Render(format);
        string expectedTorch = torch.Render(format);

        foreach (string culture in new[] { "de-DE", "ar-SA" })
        {
            InCulture(culture, () => keras.Render(format)).Should().Be(expectedKeras);
            InCulture(culture, () => torch.Render(format)).Should().Be(expectedTorch);
        }

        expectedKeras.Should().Contain(format == SummaryFormat.Json ? "1432067" : "1,432,067");
        (expectedKeras + expectedTorch).Should().NotContain("1.432.067").And.NotContain("\u066C").And.NotContain("\u066B");
    }

    [Fact]
    public void ToString_KerasModel_IsKeras3()
    {
        ModelSummary summary = new ModelBuilder("blog").Input(null, 5).SimpleRnn(4).Build();

        summary.ToString().Should().Be(summary.Render(SummaryFormat.Keras3)).And.StartWith("Model: \"blog\"\n┏");
    }

    [Fact]
    public void Render_UndefinedFormat_ThrowsArgumentOutOfRange()
    {
        ModelSummary summary = new ModelBuilder().Input(null, 5).Lstm(4).Build();

        var render = () => summary.Render((SummaryFormat)99);

        render.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("format");
    }

    [Fact]
    public void Render_NullOptions_ThrowsArgumentNull()
    {
        ModelSummary summary = new ModelBuilder().Input(null, 5).Lstm(4).Build();

        ((Action)(() => summary.Render((Keras3SummaryOptions)null!))).Should().Throw<ArgumentNullException>().WithParameterName("options");
        ((Action)(() => summary.Render((TorchinfoSummaryOptions)null!))).Should().Throw<ArgumentNullException>().WithParameterName("options");
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
}
