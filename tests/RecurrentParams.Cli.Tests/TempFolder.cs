using System;
using System.IO;

namespace RecurrentParams.Cli.Tests;

/// <summary>A folder of its own under the system's temporary folder, deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("rparams-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Copies a fixture into the folder under a relative name.</summary>
    public TempFolder Copy(string fixture, string name)
    {
        string target = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(Fixture.FullPath(fixture), target);
        return this;
    }

    /// <summary>Writes a file into the folder.</summary>
    public TempFolder Write(string name, byte[] content)
    {
        string target = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
        return this;
    }

    /// <summary>Writes a text file into the folder.</summary>
    public TempFolder Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
