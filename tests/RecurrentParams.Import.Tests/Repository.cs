using System.IO;

namespace RecurrentParams.Import.Tests;

/// <summary>Finds the repository's files from the test output folder, whatever its depth (one more folder for a runtime identifier).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            DirectoryInfo? directory = new(System.AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecurrentParams.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("The tests run outside the repository: no RecurrentParams.sln above " + System.AppContext.BaseDirectory);
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
}
