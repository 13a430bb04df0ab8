using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// The embedded canonical data: its release version and date (<c>Dataset/release.json</c>), a hash of
/// the data files' content, and an id of the whole build (data, release file and schema scripts) by
/// which the embedded SQLite database is recognised and reused.
/// </summary>
public static class DatasetRelease
{
    private static readonly Assembly Assembly = typeof(DatasetRelease).Assembly;

    private static readonly (string Version, DateOnly Date) Declared = ReadDeclared();

    /// <summary>The release version, <c>yyyy.mm.n</c> (e.g. <c>2026.03.1</c>), from <c>Dataset/release.json</c>.</summary>
    public static string Version => Declared.Version;

    /// <summary>The date the release was cut, from <c>Dataset/release.json</c>.</summary>
    public static DateOnly Date => Declared.Date;

    /// <summary>
    /// The content hash: SHA-256 (64 lowercase hex digits) of every embedded data file, in name order.
    /// Two releases with the same hash hold the same rows.
    /// </summary>
    public static string ContentHash { get; } = Hash(n => n.StartsWith("Dataset.", StringComparison.Ordinal));

    /// <summary>
    /// The build id: the first 16 hex digits of the SHA-256 of every embedded data file, the release file
    /// and the schema scripts, so that any change to them rebuilds the embedded database.
    /// </summary>
    public static string Id { get; } = Hash(n => n.StartsWith("Dataset.", StringComparison.Ordinal)
        || n.StartsWith("Schema.", StringComparison.Ordinal) || n == "Release.json")[..16];

    internal static TextReader Open(string fileName) =>
        new StreamReader(Assembly.GetManifestResourceStream("Dataset." + fileName)
            ?? throw new FileNotFoundException($"The data file {fileName} is not embedded."));

    private static (string, DateOnly) ReadDeclared()
    {
        using var stream = Assembly.GetManifestResourceStream("Release.json")
            ?? throw new FileNotFoundException("Dataset/release.json is not embedded.");
        using var json = JsonDocument.Parse(stream);
        var version = json.RootElement.GetProperty("version").GetString() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d{4}\.\d{2}\.\d+$"))
        {
            throw new InvalidDataException($"Dataset/release.json: version '{version}' is not of the form yyyy.mm.n.");
        }

        var date = DateOnly.ParseExact(json.RootElement.GetProperty("date").GetString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (version, date);
    }

    private static string Hash(Func<string, bool> include)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in Assembly.GetManifestResourceNames().Where(include).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var stream = Assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(buffer.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
