using System;
using System.Collections.Generic;
using System.IO;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class CliHostTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("1", null, true)]
    [InlineData("", null, false)]
    [InlineData(null, "dumb", true)]
    [InlineData(null, "xterm-256color", false)]
    public void NoColor_FollowsNoColorAndDumbTerminals(string? noColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string>();
        if (noColor is not null)
        {
            environment["NO_COLOR"] = noColor;
        }

        if (term is not null)
        {
            environment["TERM"] = term;
        }

        var host = new CliHost(TextWriter.Null, TextWriter.Null, () => Stream.Null, environment, "/") { OutputIsTerminal = true, ErrorIsTerminal = true };

        host.NoColor.Should().Be(expected);
        host.Colour.Should().Be(!expected);
        host.Progress.Should().Be(!expected);
    }

    [Fact]
    public void ColourAndProgress_NeedTheirStreamToBeATerminal()
    {
        var host = new CliHost(TextWriter.Null, TextWriter.Null, () => Stream.Null, new Dictionary<string, string>(), "/") { OutputIsTerminal = true };

        host.Colour.Should().BeTrue();
        host.Progress.Should().BeFalse();
    }

    [Fact]
    public void WriteError_FlushesStandardOutputFirst()
    {
        var shared = new StringWriter();
        using var output = new BufferedWriter(shared);
        var host = new CliHost(output, shared, () => Stream.Null, new Dictionary<string, string>(), "/");

        output.Write("result\n");
        host.WriteError("rparams: late");

        shared.ToString().Should().Be("result\nrparams: late\n");
    }

    [Fact]
    public void Resolve_RelativePath_IsUnderTheWorkingDirectory()
    {
        var host = new CliHost(TextWriter.Null, TextWriter.Null, () => Stream.Null, new Dictionary<string, string>(), "/models");

        host.Resolve("a/b.onnx").Should().Be("/models/a/b.onnx");
        host.Resolve("/abs.onnx").Should().Be("/abs.onnx");
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        var environment = new Dictionary<string, string>();
        FluentActions.Invoking(() => new CliHost(null!, TextWriter.Null, () => Stream.Null, environment, "/")).Should().Throw<ArgumentNullException>().WithParameterName("output");
        FluentActions.Invoking(() => new CliHost(TextWriter.Null, null!, () => Stream.Null, environment, "/")).Should().Throw<ArgumentNullException>().WithParameterName("error");
        FluentActions.Invoking(() => new CliHost(TextWriter.Null, TextWriter.Null, null!, environment, "/")).Should().Throw<ArgumentNullException>().WithParameterName("openStandardInput");
        FluentActions.Invoking(() => new CliHost(TextWriter.Null, TextWriter.Null, () => Stream.Null, null!, "/")).Should().Throw<ArgumentNullException>().WithParameterName("environment");
        FluentActions.Invoking(() => new CliHost(TextWriter.Null, TextWriter.Null, () => Stream.Null, environment, null!)).Should().Throw<ArgumentNullException>().WithParameterName("workingDirectory");
    }

    /// <summary>A writer that holds its text until flushed, as a buffered standard output does.</summary>
    private sealed class BufferedWriter(TextWriter target) : StringWriter
    {
        public override void Flush()
        {
            target.Write(ToString());
            GetStringBuilder().Clear();
        }
    }
}
