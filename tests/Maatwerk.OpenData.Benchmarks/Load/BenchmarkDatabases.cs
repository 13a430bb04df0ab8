using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// The two databases of the benchmark, kept in the cache folder between runs: the real-size embedded
/// database, as a normal start of the service builds it, and the synthetic scale database
/// (<see cref="SyntheticData"/>). The scale file's name carries its size and a hash of what makes it (the
/// generator's source, the schema scripts and the data files), so a changed generator builds a new file
/// and an unchanged one is reused.
/// </summary>
internal static class BenchmarkDatabases
{
    /// <summary>The embedded database as the service builds it at start-up (reused when it holds the current release).</summary>
    public static async Task<string> RealAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(LoadOptions.CacheFolder, "real.db");
        await ReportingDatabaseSetup.PrepareAsync(new DatabaseOptions { SqlitePath = path }, NullLogger.Instance, cancellationToken);
        SqliteConnection.ClearAllPools();
        return path;
    }

    public static async Task<string> ScaleAsync(string repository, ScaleSize size, CancellationToken cancellationToken)
    {
        var name = $"scale-{size.Companies}-{size.StatusChanges}-{size.AgreedReductions}";
        var path = Path.Combine(LoadOptions.CacheFolder, $"{name}-{GeneratorVersion(repository)}.db");
        if (File.Exists(path))
        {
            Console.WriteLine($"scale database: reused {path}");
            return path;
        }

        // Earlier versions of this size are only in the way (hundreds of MB each).
        Directory.CreateDirectory(LoadOptions.CacheFolder);
        foreach (var stale in Directory.EnumerateFiles(LoadOptions.CacheFolder, $"{name}-*"))
        {
            File.Delete(stale);
        }

        var clock = Stopwatch.StartNew();
        var building = path + ".building";
        await SyntheticData.CreateAsync(building, size.Companies, size.StatusChanges, size.AgreedReductions, cancellationToken);
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        Console.WriteLine($"scale database: generated {size.Describe()} in {clock.Elapsed.TotalSeconds:F0} s ({path})");
        return path;
    }

    // The generator, the schema it builds on and the canonical data it starts from.
    private static string GeneratorVersion(string repository)
    {
        string[] inputs =
        [
            Path.Combine(repository, "tests", "Shared", "SyntheticData.cs"),
            .. Files(Path.Combine(repository, "src", "Maatwerk.OpenData.Data", "Schema")),
            .. Files(Path.Combine(repository, "src", "Maatwerk.OpenData.Data", "Dataset")),
        ];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in inputs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repository, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
