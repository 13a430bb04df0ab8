using Dapper;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// The SQLite database of a release as one file, as Datasette offers it. It is built when the release is
/// loaded, whatever the provider served, by the code that builds the embedded database (schema scripts,
/// then <see cref="Loading.DatasetLoader"/>), compacted with <c>VACUUM INTO</c>, and stored with the
/// release (<see cref="Releases.ReleaseArchive"/>), so every fetch of a release gets the same bytes.
/// </summary>
public static class DatabaseFile
{
    public const string MediaType = "application/vnd.sqlite3";

    /// <summary>Where the files are built, then deleted: a folder of the machine's temporary directory.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "maatwerk-open-data");

    /// <summary>The bytes of a fresh SQLite database holding the embedded release and its record only.</summary>
    internal static async Task<byte[]> BuildAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        var building = name + ".building";
        var compacted = name + ".sqlite";
        try
        {
            await ReportingDatabaseSetup.MigrateAndLoadAsync(building, archive: false, cancellationToken);
            await using (var connection = new SqliteConnection(ReportingDatabaseSetup.Builder(building, SqliteOpenMode.ReadWrite)))
            {
                await connection.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @path", new { path = compacted }, cancellationToken: cancellationToken));
            }

            return await File.ReadAllBytesAsync(compacted, cancellationToken);
        }
        finally
        {
            File.Delete(building);
            File.Delete(compacted);
        }
    }
}
