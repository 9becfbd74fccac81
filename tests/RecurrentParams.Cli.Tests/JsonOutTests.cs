using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class JsonOutTests
{
    [Theory]
    [InlineData("KerasJson", "kerasJson")]
    [InlineData("Onnx", "onnx")]
    [InlineData("", "")]
    public void CamelCase_LowersTheFirstLetter(string name, string expected)
    {
        JsonOut.CamelCase(name).Should().Be(expected);
    }

    [Fact]
    public void Write_IndentsWithTwoSpacesAndKeepsTextUnescaped()
    {
        JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("derivation", "4 × (4·4 + 4) <ok>");
            JsonOut.WriteParameterBytes(w, long.MaxValue / 2);
            w.WriteEndObject();
        }).Should().Be("""
            {
              "derivation": "4 × (4·4 + 4) <ok>",
              "parameterBytes": {
                "float32": null,
                "float16": 9223372036854775806,
                "bfloat16": 9223372036854775806,
                "int8": 4611686018427387903,
                "float64": null
              }
            }

            """);
    }
}
