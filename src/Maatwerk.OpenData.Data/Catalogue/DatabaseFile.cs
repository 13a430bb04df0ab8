using Dapper;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// The embedded SQLite database of a release as one file, as Datasette offers it: a consistent copy
/// (<c>VACUUM INTO</c>) made once per release and kept, so every fetch of a release gets the same bytes.
/// </summary>
public static class DatabaseFile
{
    public const string MediaType = "application/vnd.sqlite3";

    /// <summary>Where the copies are kept: a folder of the machine's temporary directory.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "maatwerk-open-data");

    /// <summary>
    /// The path of the file for the release with this content hash, made on first use in
    /// <see cref="Folder"/>; null when the service reads SQL Server, which has no such file.
    /// </summary>
    public static async Task<string?> SnapshotAsync(ReportingDatabase database, string contentHash, CancellationToken cancellationToken)
    {
        var folder = Folder;
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect is not SqliteDialect)
        {
            return null;
        }

        var path = Path.Combine(folder, $"maatwerk-{contentHash[..16]}.sqlite");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @path", new { path = partial }, cancellationToken: cancellationToken));
        }

        // Another request may have made it meanwhile: the same release gives the same file.
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
