using System.IO.Compression;
using System.Security.Cryptography;
using Dapper;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// Every loaded release's downloads are stored with it and can be fetched again, byte for byte, after
/// later releases replaced its data. An earlier release is simulated by editing a built database,
/// renaming its release and storing its files as its load would have.
/// </summary>
public sealed class ReleaseArchiveTests
{
    private const string Earlier = "2000.01.1";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_StoresTheZipAndTheDatabaseFile_WithTheHashOfTheirBytes()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new ReleaseStore(db.Database);

        foreach (var kind in new[] { ReleaseArchive.Zip, ReleaseArchive.Sqlite })
        {
            var file = await store.FindArchivedAsync(DatasetRelease.Version, kind, Cancel);
            var bytes = await FetchAsync(store, DatasetRelease.Version, kind);

            Assert.NotNull(file);
            Assert.Equal(bytes.LongLength, file.Length);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        }

        Assert.Contains("nobian", await CompaniesCsvAsync(await FetchAsync(store, DatasetRelease.Version, ReleaseArchive.Zip)), StringComparison.Ordinal);
        Assert.Equal(16L, await CountCompaniesAsync(db, await FetchAsync(store, DatasetRelease.Version, ReleaseArchive.Sqlite)));
        Assert.Null(await store.FindArchivedAsync(Earlier, ReleaseArchive.Zip, Cancel));
    }

    [Fact]
    public async Task LoadAnotherRelease_TheEarlierReleasesFiles_AreTheBytesServedWhenItWasCurrent()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new ReleaseStore(db.Database);
        await using var connection = await Writable(db.Path);
        await MakeEarlierReleaseAsync(connection);
        var zipA = await FetchAsync(store, Earlier, ReleaseArchive.Zip);
        var databaseA = await FetchAsync(store, Earlier, ReleaseArchive.Sqlite);

        var loaded = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel);

        Assert.True(loaded.Loaded);
        Assert.Equal(zipA, await FetchAsync(store, Earlier, ReleaseArchive.Zip));
        Assert.Equal(databaseA, await FetchAsync(store, Earlier, ReleaseArchive.Sqlite));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zipA)), (await store.FindArchivedAsync(Earlier, ReleaseArchive.Zip, Cancel))!.Sha256);
        Assert.Contains("Earlier name", await CompaniesCsvAsync(zipA), StringComparison.Ordinal);
        Assert.DoesNotContain("Earlier name", await CompaniesCsvAsync(await FetchAsync(store, DatasetRelease.Version, ReleaseArchive.Zip)), StringComparison.Ordinal);
        Assert.Equal([DatasetRelease.Version, Earlier], (await store.ListAsync(Cancel)).Select(r => r.Version));
        Assert.Equal(new HashSet<string> { DatasetRelease.Version, Earlier }, await store.ArchivedVersionsAsync(ReleaseArchive.Sqlite, Cancel));
    }

    [Fact]
    public async Task Load_FailingHalfway_LeavesTheStoredFilesUnchanged()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new ReleaseStore(db.Database);
        await using var connection = await Writable(db.Path);
        await MakeEarlierReleaseAsync(connection);
        var before = await connection.QueryAsync<(string, string, string)>("SELECT version, kind, content_sha256 FROM data_release_archive ORDER BY version, kind");
        await connection.ExecuteAsync("CREATE TRIGGER fail_halfway BEFORE INSERT ON data_release_archive BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        var error = await Assert.ThrowsAsync<SqliteException>(
            () => DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel));

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await connection.QueryAsync<(string, string, string)>("SELECT version, kind, content_sha256 FROM data_release_archive ORDER BY version, kind"));
        Assert.Equal(Earlier, (await store.ListAsync(Cancel)).Single().Version);
        Assert.Equal("Earlier name", await connection.ExecuteScalarAsync<string>("SELECT name FROM company WHERE id = 'nobian'"));
    }

    [Fact]
    public async Task Load_CurrentReleaseWithoutStoredFiles_StoresThemWithoutLoadingAgain()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await Writable(db.Path);
        await connection.ExecuteAsync("DELETE FROM data_release_archive");
        var loadedAt = await connection.QuerySingleAsync<string>("SELECT loaded_at FROM data_release");

        var result = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel);

        Assert.False(result.Loaded);
        Assert.Equal(loadedAt, await connection.QuerySingleAsync<string>("SELECT loaded_at FROM data_release"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM data_release_archive WHERE version = @version", new { version = DatasetRelease.Version }));
    }

    // The loaded release becomes an earlier one with other data, whose files are stored as its load would have.
    private static async Task MakeEarlierReleaseAsync(SqliteConnection connection)
    {
        await connection.ExecuteAsync($"""
            PRAGMA foreign_keys = OFF;
            UPDATE company SET name = 'Earlier name' WHERE id = 'nobian';
            DELETE FROM data_release_archive;
            UPDATE data_release_table SET version = '{Earlier}';
            UPDATE data_release SET version = '{Earlier}', content_hash = 'earlier-content';
            PRAGMA foreign_keys = ON;
            """);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var earlier = (await ReleaseStore.ReadAsync(connection, SqliteDialect.Instance, ReleaseFilter.Current, null, transaction, Cancel)).Single();
        await ReleaseArchive.StoreAsync(connection, transaction, SqliteDialect.Instance, earlier, Cancel);
        await transaction.CommitAsync(Cancel);
    }

    private static async Task<byte[]> FetchAsync(ReleaseStore store, string version, string kind)
    {
        using var output = new MemoryStream();
        await store.CopyArchivedAsync(version, kind, output, Cancel);
        return output.ToArray();
    }

    private static async Task<string> CompaniesCsvAsync(byte[] zip)
    {
        await using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry("companies.csv")!.Open());
        return await reader.ReadToEndAsync(Cancel);
    }

    private static async Task<long> CountCompaniesAsync(TempDatabase db, byte[] file)
    {
        var path = Path.Combine(db.Folder, Guid.NewGuid().ToString("N") + ".sqlite");
        await File.WriteAllBytesAsync(path, file, Cancel);
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM company");
    }

    private static async Task<SqliteConnection> Writable(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancel);
        return connection;
    }
}
