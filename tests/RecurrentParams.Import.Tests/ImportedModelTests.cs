using System;
using System.Collections.Generic;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class ImportedModelTests
{
    private static readonly ModelSummary Summary = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Build();

    [Fact]
    public void Constructor_CrossCheck_SumsTheTensors()
    {
        TensorInfo[] tensors = [new("k", "float32", new TensorShape(5, 16)), new("r", "float32", new TensorShape(4, 16)), new("b", "float32", new TensorShape(16))];

        var model = new ImportedModel(ModelFileFormat.TensorFlowJs, Summary, tensors, crossCheck: true) { Metadata = new Dictionary<string, string> { ["a"] = "b" } };

        model.StoredParams.Should().Be(160);
        model.CountsAgree.Should().BeTrue();
        model.Tensors.Should().Equal(tensors);
        model.Recovered.Should().BeEmpty();
        model.Metadata.Should().ContainKey("a");
    }

    [Fact]
    public void Constructor_WithoutCrossCheck_HasNoStoredCount()
    {
        var model = new ImportedModel(ModelFileFormat.Onnx, Summary, [new("x", "FLOAT", new TensorShape(3))], crossCheck: false);

        model.StoredParams.Should().BeNull();
        model.CountsAgree.Should().BeTrue();
        model.Metadata.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Action format = () => _ = new ImportedModel((ModelFileFormat)42, Summary, [], false);
        Action summary = () => _ = new ImportedModel(ModelFileFormat.Onnx, null!, [], false);
        Action tensors = () => _ = new ImportedModel(ModelFileFormat.Onnx, Summary, null!, false);
        Action tensor = () => _ = new ImportedModel(ModelFileFormat.Onnx, Summary, [null!], false);
        Action overflow = () => _ = new ImportedModel(ModelFileFormat.Onnx, Summary, [new("a", "F32", new TensorShape(long.MaxValue)), new("b", "F32", new TensorShape(2))], true);
        Action recovered = () => _ = new ImportedModel(ModelFileFormat.Onnx, Summary, [], false) { Recovered = null! };
        Action metadata = () => _ = new ImportedModel(ModelFileFormat.Onnx, Summary, [], false) { Metadata = null! };

        format.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("format");
        summary.Should().Throw<ArgumentNullException>().WithParameterName("summary");
        tensors.Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        tensor.Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        overflow.Should().Throw<OverflowException>();
        recovered.Should().Throw<ArgumentNullException>();
        metadata.Should().Throw<ArgumentNullException>();
    }
}
