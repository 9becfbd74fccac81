using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class ModelReaderOptionsTests
{
    [Fact]
    public void Default_HasTheDocumentedLimits()
    {
        ModelReaderOptions options = ModelReaderOptions.Default;

        options.MaxDocumentBytes.Should().Be(64L * 1024 * 1024);
        options.MaxDepth.Should().Be(128);
        options.MaxLayers.Should().Be(100_000);
        options.MaxTensors.Should().Be(1_000_000);
        options.MaxNameLength.Should().Be(4096);
        options.MaxInflatedBytes.Should().Be(64L * 1024 * 1024);
        options.MaxBufferedBytes.Should().Be(256L * 1024 * 1024);
        options.Strict.Should().BeFalse();
        options.Should().Be(new ModelReaderOptions());
    }

    [Fact]
    public void With_RaisedLimit_KeepsTheOthers()
    {
        ModelReaderOptions raised = ModelReaderOptions.Default with { MaxDepth = 512, Strict = true };

        raised.MaxDepth.Should().Be(512);
        raised.Strict.Should().BeTrue();
        raised.MaxLayers.Should().Be(100_000);
        raised.Should().NotBe(ModelReaderOptions.Default);
    }

    [Theory]
    [InlineData("MaxDocumentBytes")]
    [InlineData("MaxDepth")]
    [InlineData("MaxLayers")]
    [InlineData("MaxTensors")]
    [InlineData("MaxNameLength")]
    [InlineData("MaxBufferedBytes")]
    public void Init_ZeroOrNegative_ThrowsNamingTheProperty(string property)
    {
        Action zero = () => _ = Set(property, 0);
        Action negative = () => _ = Set(property, -1);

        zero.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(property);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("'" + property + "' must be between 1 and *");
    }

    [Fact]
    public void Init_OutOfRangeUpperBounds_Throw()
    {
        Action depth = () => _ = new ModelReaderOptions { MaxDepth = 4097 };
        Action document = () => _ = new ModelReaderOptions { MaxDocumentBytes = (long)int.MaxValue + 1 };
        Action inflated = () => _ = new ModelReaderOptions { MaxInflatedBytes = -1 };
        Action buffered = () => _ = new ModelReaderOptions { MaxBufferedBytes = (long)int.MaxValue + 1 };

        depth.Should().Throw<ArgumentOutOfRangeException>().WithMessage("'MaxDepth' must be between 1 and 4096; got 4097.*");
        document.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MaxDocumentBytes");
        inflated.Should().Throw<ArgumentOutOfRangeException>().WithMessage("'MaxInflatedBytes' must be between 0 and 2147483647; got *");
        buffered.Should().Throw<ArgumentOutOfRangeException>().WithMessage("'MaxBufferedBytes' must be between 1 and 2147483647; got *");
        new ModelReaderOptions { MaxInflatedBytes = 0 }.MaxInflatedBytes.Should().Be(0);
    }

    private static ModelReaderOptions Set(string property, int value) => property switch
    {
        "MaxDocumentBytes" => new ModelReaderOptions { MaxDocumentBytes = value },
        "MaxDepth" => new ModelReaderOptions { MaxDepth = value },
        "MaxLayers" => new ModelReaderOptions { MaxLayers = value },
        "MaxTensors" => new ModelReaderOptions { MaxTensors = value },
        "MaxBufferedBytes" => new ModelReaderOptions { MaxBufferedBytes = value },
        _ => new ModelReaderOptions { MaxNameLength = value },
    };
}
