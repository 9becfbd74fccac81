using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Conventions;

/// <summary>The suite runs once per runtime the library claims; each run proves it is on that runtime.</summary>
public sealed class RuntimeTests
{
    [Fact]
    public void Tests_RunOnTheRuntimeOfTheirTargetFramework()
    {
#if NET10_0
        const int expected = 10;
#elif NET8_0
        const int expected = 8;
#endif
        Environment.Version.Major.Should().Be(expected);
        typeof(Params).Assembly.GetName().Name.Should().Be("RecurrentParams");
    }
}
