using System;
using System.IO;
using System.Text;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class ModelFilesTests
{
    [Theory]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {}}", true)]
    [InlineData("{\"format\": \"layers-model\", \"generatedBy\": \"x\", \"modelTopology\": {}}", true)]
    [InlineData("{\"config\": {\"layers\": [1, 2, {\"a\": [3]}]}, \"class_name\": \"Functional\"}", true)]
    [InlineData("\uFEFF{\"class_name\": \"Sequential\"}", true)]
    [InlineData("{\"name\": \"package\", \"version\": \"1.0.0\"}", false)]
    [InlineData("{\"models\": [{\"class_name\": \"LSTM\"}]}", false)]
    [InlineData("{}", false)]
    [InlineData("[1, 2]", false)]
    [InlineData("", false)]
    [InlineData("{\"a\": tru", true)]
    [InlineData("{\"a\": x}", false)]
    [InlineData("{\"a\"}", false)]
    [InlineData("{\"a\": [1, 2, 3", true)]
    [InlineData("{\"a\": 1, ", true)]
    public void HasModelKey_LooksAtTheTopLevelKeysOnly(string json, bool expected)
    {
        ModelFiles.HasModelKey(Encoding.UTF8.GetBytes(json)).Should().Be(expected);
    }

    [Fact]
    public void HasModelKey_KeyAfterTheProbedHead_LetsTheReaderDecide()
    {
        string json = "{\"weights\": [" + new string('1', 100) + "], \"class_name\": \"Sequential\"}";

        ModelFiles.HasModelKey(Encoding.UTF8.GetBytes(json).AsSpan(0, 50)).Should().BeTrue();
    }

    [Fact]
    public void Find_TakesModelFilesByNameAndFirstBytesAndSortsThem()
    {
        using TempFolder folder = new TempFolder()
            .Write("z.keras", "x")
            .Write("a/model.H5", "x")
            .Write("a/weights.hdf5", "x")
            .Write("b.onnx", "x")
            .Write("c.safetensors", "x")
            .Write("d.pt", "x")
            .Write("e.pth", "x")
            .Write("f.ckpt", "x")
            .Write("pytorch_model.bin", new byte[] { (byte)'P', (byte)'K', 3, 4 })
            .Write("legacy.bin", new byte[] { 0x80, 0x02 })
            .Write("group1-shard1of1.bin", new byte[] { 0, 0, 128, 63 })
            .Write("one.bin", new byte[] { 0x80 })
            .Write("model.json", "{\"modelTopology\": {}}")
            .Write("tokenizer.json", "{\"vocab\": {}}")
            .Write("notes.txt", "x")
            .Write(".hidden.onnx", "x")
            .Write(".git/objects/x.onnx", "x");

        ModelFiles.Find(folder.Path).Should().Equal(
            "a/model.H5",
            "a/weights.hdf5",
            "b.onnx",
            "c.safetensors",
            "d.pt",
            "e.pth",
            "f.ckpt",
            "legacy.bin",
            "model.json",
            "pytorch_model.bin",
            "z.keras");
    }

    [Fact]
    public void Find_TheImportTestsFixtures_SkipsTheirManifests()
    {
        ModelFiles.Find(Fixture.FullPath("onnx")).Should().HaveCount(9).And.OnlyContain(f => f.EndsWith(".onnx", System.StringComparison.Ordinal));
        ModelFiles.Find(Fixture.FullPath("tfjs")).Should().NotContain("manifest.json");
    }

    [Fact]
    public void IsModelFile_MissingFile_IsNotOne()
    {
        ModelFiles.IsModelFile(Path.Combine(Path.GetTempPath(), "rparams-no-such-file.json")).Should().BeFalse();
        ModelFiles.IsModelFile(Path.Combine(Path.GetTempPath(), "rparams-no-such-file.bin")).Should().BeFalse();
    }
}
