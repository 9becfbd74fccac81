using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Robustness;

/// <summary>
/// Inputs the long fuzzing campaign found (mutations of the framework-generated fixtures), kept as regressions: each is
/// now summarized or refused with <see cref="ModelFormatException"/>, never another exception.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz-regressions");

    public static TheoryData<string> TfjsInputs => [.. Directory.GetFiles(Folder, "tfjs-*.model.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TfjsInputs))]
    public void TfjsReader_LayerAfterAnUnknownOne_IsCountedFromTheManifest(string file)
    {
        // A class name the library does not know, then a Flatten whose input shape is therefore unknown (it used to index
        // an empty shape): the layers that follow are counted from the weights manifest, like the unknown layer itself.
        ImportedModel model = TfjsModelReader.ReadFile(Path.Combine(Folder, file));

        model.UnsupportedLayers.Should().NotBeEmpty();
        model.Summary.IsLowerBound.Should().BeFalse("the manifest lists every layer's weights");
        model.Summary.TotalParams.Should().Be(model.StoredParams);
        model.Summary.Render(SummaryFormat.Keras2).Should().Contain("Counted from the weights the file stores");
    }

    [Fact]
    public void KerasWeights_DatasetWhoseDataDisagreesWithItsDataspace_IsAModelFormatException()
    {
        Action read = () => KerasWeights.ReadFile(Path.Combine(Folder, "keras-weights-dataspace-mismatch.h5"));

        read.Should().Throw<ModelFormatException>().WithMessage("*values but its dataspace*");
    }
}
