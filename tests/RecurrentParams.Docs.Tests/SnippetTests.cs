using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace RecurrentParams.Docs.Tests;

/// <summary>
/// Every <c>```csharp</c> block of every Markdown file in the repository compiles on its own, with its using lines, against
/// the libraries: a snippet a user copies is a program that builds. Blocks that show output or other languages use
/// another fence (<c>```</c>, <c>```text</c>, <c>```sh</c>). A block whose first line is <c>// Uses the example above.</c>
/// is compiled together with the block before it (a class declared there, used here).
/// </summary>
public sealed partial class SnippetTests
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    public static TheoryData<string> Snippets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (Snippet snippet in Snippet.All())
            {
                data.Add(snippet.Id);
            }

            return data;
        }
    }

    [Fact]
    public void Snippets_AreFound()
    {
        Snippet.All().Should().HaveCountGreaterThan(10, "README.md and the packages' READMEs hold C# examples");
        Snippet.All().Select(s => s.Id).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiles(string id)
    {
        Snippet snippet = Snippet.All().Single(s => s.Id == id);
        SyntaxTree[] trees = snippet.WithWhatItUses()
            .Select(s => CSharpSyntaxTree.ParseText(s.Code, new CSharpParseOptions(LanguageVersion.Latest), path: s.Id))
            .ToArray();
        bool program = trees.Any(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(
            "Snippet",
            trees,
            References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        string[] errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + " (snippet line " + (d.Location.GetLineSpan().StartLinePosition.Line + 1) + ")")
            .ToArray();

        errors.Should().BeEmpty("the snippet at {0} must compile on its own:\n{1}", snippet.Id, snippet.Code);
    }

    private static MetadataReference[] LoadReferences()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        IEnumerable<string> framework = platform.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        IEnumerable<string> libraries = Directory.GetFiles(AppContext.BaseDirectory, "RecurrentParams*.dll").Where(p => !Path.GetFileName(p).Contains(".Tests", StringComparison.Ordinal));
        return framework.Concat(libraries).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }

    private sealed partial record Snippet(string Id, string Code, Snippet? Previous)
    {
        private const string UsesAbove = "// Uses the example above.";

        private static readonly Lazy<Snippet[]> Found = new(Find);

        public IEnumerable<Snippet> WithWhatItUses() =>
            Code.StartsWith(UsesAbove, StringComparison.Ordinal) && Previous is not null ? Previous.WithWhatItUses().Append(this) : [this];

        public static Snippet[] All() => Found.Value;

        private static Snippet[] Find()
        {
            string root = RepositoryRoot();
            var snippets = new List<Snippet>();
            foreach (string file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Where(f => !Skipped(root, f)).OrderBy(f => f, StringComparer.Ordinal))
            {
                string[] lines = File.ReadAllLines(file);
                Snippet? previous = null;
                for (int k = 0; k < lines.Length; k++)
                {
                    if (lines[k].Trim() != "```csharp")
                    {
                        continue;
                    }

                    int start = k + 1;
                    int end = start;
                    while (end < lines.Length && lines[end].Trim() != "```")
                    {
                        end++;
                    }

                    string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                    previous = new Snippet(relative + ":" + (start + 1), string.Join("\n", lines[start..end]), previous);
                    snippets.Add(previous);
                    k = end;
                }
            }

            return snippets.ToArray();
        }

        private static bool Skipped(string root, string file)
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            return Excluded().IsMatch(relative);
        }

        [GeneratedRegex("(^|/)(bin|obj|node_modules|artifacts|BenchmarkDotNet.Artifacts|StrykerOutput|TestResults|\\.git)/")]
        private static partial Regex Excluded();

        private static string RepositoryRoot()
        {
            DirectoryInfo? directory = new(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecurrentParams.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("No RecurrentParams.sln above " + AppContext.BaseDirectory);
        }
    }
}
