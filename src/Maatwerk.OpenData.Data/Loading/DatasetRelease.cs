using System.Reflection;
using System.Security.Cryptography;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// The embedded canonical data and schema scripts. A release is identified by a hash of their bytes,
/// so a database built from the same files is recognised and reused, and any change rebuilds it.
/// </summary>
public static class DatasetRelease
{
    private static readonly Assembly Assembly = typeof(DatasetRelease).Assembly;

    /// <summary>The release id: the first 16 hex digits of the SHA-256 of every embedded data and schema file.</summary>
    public static string Id { get; } = ComputeId();

    internal static TextReader Open(string fileName) =>
        new StreamReader(Assembly.GetManifestResourceStream("Dataset." + fileName)
            ?? throw new FileNotFoundException($"The data file {fileName} is not embedded."));

    private static string ComputeId()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in Assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith("Dataset.", StringComparison.Ordinal) || n.StartsWith("Schema.", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var stream = Assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(buffer.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
