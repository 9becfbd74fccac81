using System;
using System.IO;

namespace RecurrentParams.Cli.Tests;

/// <summary>Paths of the import tests' fixtures (linked into this project's output) and of the repository.</summary>
internal static class Fixture
{
    /// <summary>Gets a fixture's path relative to the test output folder, e.g. <c>Fixtures/keras3/seq-emb-bilstm.keras</c>.</summary>
    public static string Path(string relative) => "Fixtures/" + relative;

    /// <summary>Gets a fixture's absolute path.</summary>
    public static string FullPath(string relative) => System.IO.Path.Combine(CliRunner.TestDirectory, "Fixtures", relative);

    /// <summary>Gets the repository's root: the folder holding RecurrentParams.sln, above the test output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "RecurrentParams.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RecurrentParams.sln not found above " + AppContext.BaseDirectory);
    }
}
