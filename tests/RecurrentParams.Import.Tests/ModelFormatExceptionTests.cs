using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class ModelFormatExceptionTests
{
    [Fact]
    public void Constructors_SetMessageLocationAndInner()
    {
        var inner = new InvalidOperationException("inner");

        new ModelFormatException().Message.Should().NotBeEmpty();
        new ModelFormatException("m").Message.Should().Be("m");
        new ModelFormatException("m", inner).InnerException.Should().BeSameAs(inner);
        var located = new ModelFormatException("expected an integer", "$.config.units", inner);
        located.Message.Should().Be("At $.config.units: expected an integer");
        located.Location.Should().Be("$.config.units");
        new ModelFormatException("m", null, null).Location.Should().BeNull();
        located.UnsupportedLayers.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_UnsupportedLayers_ListsThemAll()
    {
        var error = new ModelFormatException([new UnsupportedLayer("c", "Conv2D", "$.config.layers[1]", "no such layer in RecurrentParams"), new UnsupportedLayer("l", "Lambda", "$.config.layers[3]", "opaque")]);

        error.Message.Should().Be("At $.config.layers[1]: The model uses 2 layers this library cannot count: 'c' (Conv2D) at $.config.layers[1]: no such layer in RecurrentParams; 'l' (Lambda) at $.config.layers[3]: opaque.");
        error.UnsupportedLayers.Should().HaveCount(2);
        error.Location.Should().Be("$.config.layers[1]");
    }

    [Fact]
    public void Constructor_UnsupportedLayersInvalid_Throws()
    {
        Action none = () => _ = new ModelFormatException(Array.Empty<UnsupportedLayer>());
        Action nullList = () => _ = new ModelFormatException((UnsupportedLayer[])null!);
        Action nullItem = () => _ = new ModelFormatException([null!]);

        none.Should().Throw<ArgumentException>();
        nullList.Should().Throw<ArgumentNullException>();
        nullItem.Should().Throw<ArgumentException>();
    }
}
