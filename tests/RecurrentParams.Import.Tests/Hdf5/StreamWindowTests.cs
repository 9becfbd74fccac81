using System;
using System.IO;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>The read-only view the HDF5 parser gets of a stored model.weights.h5: one range of the archive, nothing copied.</summary>
public sealed class StreamWindowTests
{
    private static readonly byte[] Bytes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Read_StaysWithinTheWindow()
    {
        using var window = new StreamWindow(new MemoryStream(Bytes), 3, 4);
        byte[] buffer = new byte[10];

        int read = window.Read(buffer, 0, buffer.Length);

        read.Should().Be(4);
        buffer[..4].Should().Equal(3, 4, 5, 6);
        window.Read(buffer, 0, 1).Should().Be(0);
        window.Length.Should().Be(4);
        (window.CanRead, window.CanSeek, window.CanWrite).Should().Be((true, true, false));
    }

    [Fact]
    public void Seek_IsRelativeToTheWindow()
    {
        using var window = new StreamWindow(new MemoryStream(Bytes), 2, 6);

        window.Seek(-2, SeekOrigin.End).Should().Be(4);
        window.ReadByte().Should().Be(6);
        window.Seek(-3, SeekOrigin.Current).Should().Be(2);
        window.ReadByte().Should().Be(4);
        window.Seek(1, SeekOrigin.Begin).Should().Be(1);
        window.Position.Should().Be(1);
        window.Position = 100;
        window.ReadByte().Should().Be(-1);
    }

    [Fact]
    public void InvalidUse_Throws()
    {
        using var window = new StreamWindow(new MemoryStream(Bytes), 0, 10);

        ((Action)(() => window.Position = -1)).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => window.Seek(0, (SeekOrigin)7))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => window.Write([1], 0, 1))).Should().Throw<NotSupportedException>();
        ((Action)(() => window.SetLength(1))).Should().Throw<NotSupportedException>();
        window.Invoking(w => w.Flush()).Should().NotThrow();
    }
}
