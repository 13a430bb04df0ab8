using Dapper;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// The data release record: what a load records, what it compares against, and that a load is all or
/// nothing. An earlier release is simulated by editing a built database and renaming its release.
/// </summary>
public sealed class ReleaseRecordTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_FirstRelease_RecordsVersionHashAndEveryRowAsAdded()
    {
        await using var db = await TempDatabase.CreateAsync();

        var release = await new ReleaseStore(db.Database).CurrentAsync(Cancel);

        Assert.NotNull(release);
        Assert.Equal((DatasetRelease.Version, DatasetRelease.Date, DatasetRelease.ContentHash, true),
            (release.Version, release.Date, release.ContentHash, release.IsCurrent));
        Assert.Matches("^[0-9a-f]{64}$", release.ContentHash);
        Assert.Equal(DatasetFile.All.Count, release.Tables.Count);
        Assert.Contains(new DataReleaseTable("status_change", 39, 39, 0, 0), release.Tables);
        Assert.Contains(new DataReleaseTable("company_site", 22, 22, 0, 0), release.Tables);
        Assert.InRange(release.LoadedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Load_SameReleaseAgain_WritesNothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await Writable(db.Path);
        var before = await connection.QuerySingleAsync<string>("SELECT loaded_at FROM data_release");

        var result = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel);

        Assert.False(result.Loaded);
        Assert.Equal(DatasetRelease.Version, result.Release.Version);
        Assert.Equal(before, await connection.QuerySingleAsync<string>("SELECT loaded_at FROM data_release"));
        Assert.Equal(DatasetFile.All.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM data_release_table"));
    }

    [Fact]
    public async Task Load_NewRelease_CountsRowsAddedChangedAndRemovedAgainstThePreviousOne()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await Writable(db.Path);
        var links = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM status_change_source WHERE status_change_id = 'nobian-2024-12-19'");
        await MakePreviousReleaseAsync(connection, """
            DELETE FROM status_change_source WHERE status_change_id = 'nobian-2024-12-19';
            DELETE FROM status_change WHERE id = 'nobian-2024-12-19';
            UPDATE status_change SET note = 'edited' WHERE id = 'dow-benelux-2025-07';
            UPDATE status_change SET is_disputed = 1 - is_disputed WHERE id = 'cosun-2025-12-18';
            INSERT INTO status_change (id, company_id, date_precision, to_phase_id, kind, is_disputed, description)
                VALUES ('withdrawn-record', 'nobian', 'year', 'eop', 'transition', 0, 'removed in the next release');
            """);

        var result = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel);

        Assert.True(result.Loaded);
        Assert.Contains(new DataReleaseTable("status_change", 39, Added: 1, Changed: 2, Removed: 1), result.Release.Tables);
        Assert.Equal((links, 0, 0), result.Release.Tables.Where(t => t.Table == "status_change_source").Select(t => (t.Added, t.Changed, t.Removed)).Single());
        Assert.Contains(new DataReleaseTable("company", 16, 0, 0, 0), result.Release.Tables);
        var releases = await new ReleaseStore(SqliteDb(db.Path)).ListAsync(Cancel);
        Assert.Equal([(DatasetRelease.Version, true), ("2000.01.1", false)], releases.Select(r => (r.Version, r.IsCurrent)));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM status_change WHERE id = 'withdrawn-record'"));
    }

    [Fact]
    public async Task Load_FailingHalfway_LeavesThePreviousReleaseReadableAndUnchanged()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await Writable(db.Path);
        await MakePreviousReleaseAsync(connection, "UPDATE company SET name = 'Previous name' WHERE id = 'nobian';");
        await connection.ExecuteAsync(
            "CREATE TRIGGER fail_halfway BEFORE INSERT ON agreed_reduction BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        var error = await Assert.ThrowsAsync<SqliteException>(
            () => DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel));

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        var current = await new ReleaseStore(SqliteDb(db.Path)).CurrentAsync(Cancel);
        Assert.Equal("2000.01.1", current?.Version);
        Assert.Equal("Previous name", await connection.ExecuteScalarAsync<string>("SELECT name FROM company WHERE id = 'nobian'"));
        Assert.Equal(33, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM agreed_reduction"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM data_release"));
    }

    [Fact]
    public async Task Load_SameVersionWithOtherContent_IsRefusedNamingTheFileToChange()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await Writable(db.Path);
        await connection.ExecuteAsync("UPDATE data_release SET content_hash = 'other-content'");

        var error = await Assert.ThrowsAsync<ReleaseConflictException>(
            () => DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel));
        var replaced = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Replace, Cancel);

        Assert.Contains("release.json", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatasetRelease.ContentHash, replaced.Release.ContentHash);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM data_release"));
    }

    [Fact]
    public async Task Prepare_EmbeddedFileOfAnEarlierRelease_IsRebuiltKeepingItsReleaseRecord()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var connection = await Writable(db.Path))
        {
            await MakePreviousReleaseAsync(connection, "UPDATE source SET title = 'Old title' WHERE id = 's009';");
        }

        await TempDatabase.PrepareAsync(db.Path);

        var releases = await new ReleaseStore(SqliteDb(db.Path)).ListAsync(Cancel);
        Assert.Equal([DatasetRelease.Version, "2000.01.1"], releases.Select(r => r.Version));
        Assert.Contains(new DataReleaseTable("source", 101, 0, 1, 0), releases[0].Tables);
    }

    [Fact]
    public async Task Current_WithinTheCacheDuration_IsNotReadAgain()
    {
        await using var db = await TempDatabase.CreateAsync();
        var clock = new ManualClock();
        var store = new ReleaseStore(SqliteDb(db.Path), clock);
        var first = await store.CurrentAsync(Cancel);
        await using (var connection = await Writable(db.Path))
        {
            await MakePreviousReleaseAsync(connection, "");
        }

        var cached = await store.CurrentAsync(Cancel);
        clock.Now += ReleaseStore.CurrentCacheDuration;
        var reread = await store.CurrentAsync(Cancel);

        Assert.Same(first, cached);
        Assert.Equal("2000.01.1", reread?.Version);
    }

    // Turns the loaded release into an older one with other data, as a database holding it would be.
    private static Task<int> MakePreviousReleaseAsync(SqliteConnection connection, string edits) =>
        connection.ExecuteAsync($"""
            PRAGMA foreign_keys = OFF;
            {edits}
            UPDATE data_release_table SET version = '2000.01.1';
            UPDATE data_release SET version = '2000.01.1', content_hash = 'previous-content';
            """);

    private static async Task<SqliteConnection> Writable(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancel);
        return connection;
    }

    private static ReportingDatabase SqliteDb(string path) => ReportingDatabase.Sqlite(path);

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
