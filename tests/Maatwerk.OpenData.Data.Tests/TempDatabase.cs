using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>An embedded SQLite database built from the canonical data in a folder of its own.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string folder, ReportingDatabase database)
    {
        Folder = folder;
        Database = database;
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "reporting.db");

    public ReportingDatabase Database { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "maatwerk-data-tests", Guid.NewGuid().ToString("N"));
        var database = await PrepareAsync(System.IO.Path.Combine(folder, "reporting.db"));
        return new TempDatabase(folder, database);
    }

    public static Task<ReportingDatabase> PrepareAsync(string path) =>
        ReportingDatabaseSetup.PrepareAsync(new DatabaseOptions { SqlitePath = path }, NullLogger.Instance, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        (Database as IDisposable)?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
