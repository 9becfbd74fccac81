using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Cli;

/// <summary>
/// Finds the model files under a folder. A folder holds more than models (READMEs, tokenizers, TensorFlow.js weight
/// shards, manifests), so a walk takes a file by its name and a first look at its content, and leaves the reading and
/// the verdict to the library: a file it takes that the library cannot read is an error, not skipped.
/// </summary>
/// <remarks>
/// Taken: <c>.keras</c>, <c>.h5</c>, <c>.hdf5</c>, <c>.onnx</c>, <c>.safetensors</c>, <c>.pt</c>, <c>.pth</c>, <c>.ckpt</c>;
/// <c>.bin</c> when it starts like a PyTorch file (a zip or a pickle), not a TensorFlow.js weight shard; <c>.json</c> when its
/// top-level object has <c>class_name</c> (Keras) or <c>modelTopology</c> (TensorFlow.js) among the keys in its first
/// 64 KiB. Hidden files and folders (a name starting with <c>.</c>) are not walked. Paths are sorted ordinally.
/// </remarks>
internal static class ModelFiles
{
    private const int JsonProbeBytes = 64 * 1024;

    private static readonly string[] ModelExtensions = [".keras", ".h5", ".hdf5", ".onnx", ".safetensors", ".pt", ".pth", ".ckpt"];

    /// <summary>Lists the model files under a folder, recursively.</summary>
    /// <param name="folder">The folder's absolute path.</param>
    /// <returns>The files' paths relative to the folder, with <c>/</c> separators, sorted ordinally.</returns>
    /// <exception cref="IOException">The folder cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be listed.</exception>
    public static IReadOnlyList<string> Find(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        return Directory.EnumerateFiles(folder, "*", options)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.Split('/').Any(part => part.StartsWith('.')))
            .Where(relative => IsModelFile(Path.Combine(folder, relative)))
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Tells whether a file found in a folder is one to summarize.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns><see langword="true"/> for a model file by the rules of <see cref="ModelFiles"/>.</returns>
    public static bool IsModelFile(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (Array.IndexOf(ModelExtensions, extension) >= 0)
        {
            return true;
        }

        return extension switch
        {
            ".bin" => StartsLikeTorch(Head(path, 2)),
            ".json" => HasModelKey(Head(path, JsonProbeBytes)),
            _ => false,
        };
    }

    /// <summary>Tells whether a JSON head's top-level object has a Keras or TensorFlow.js model key.</summary>
    /// <param name="head">The file's first bytes.</param>
    /// <returns><see langword="true"/> when <c>class_name</c> or <c>modelTopology</c> is a top-level key, or the head ends before the object does and no key said otherwise (the library then decides).</returns>
    public static bool HasModelKey(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    return false; // the end of the top-level object: no model key
                }

                if (reader.ValueTextEquals("class_name") || reader.ValueTextEquals("modelTopology"))
                {
                    return true;
                }

                if (!reader.TrySkip())
                {
                    return true; // the head ends inside this value: let the reader decide
                }
            }

            return true; // the head ends between keys: let the reader decide
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool StartsLikeTorch(ReadOnlySpan<byte> head) =>
        head.Length == 2 && ((head[0] == (byte)'P' && head[1] == (byte)'K') || head[0] == 0x80);

    private static byte[] Head(string path, int count)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            byte[] buffer = new byte[(int)Math.Min(count, stream.Length)];
            stream.ReadExactly(buffer);
            return buffer;
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
