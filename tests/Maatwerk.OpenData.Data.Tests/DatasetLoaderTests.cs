using Dapper;
using Maatwerk.OpenData.Data.Loading;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>The canonical data files load completely and consistently into the reporting schema.</summary>
public sealed class DatasetLoaderTests
{
    [Theory]
    [InlineData("company", 16)]
    [InlineData("phase", 8)]
    [InlineData("status_change", 39)]
    [InlineData("agreed_reduction", 33)]
    [InlineData("source", 101)]
    [InlineData("programme_event", 18)]
    public async Task Load_CanonicalData_FillsEveryTable(string table, int rows)
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(rows, await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM \"{table}\""));
    }

    [Fact]
    public async Task Load_CanonicalData_BreaksNoForeignKeyAndRecordsTheRelease()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check"));
        Assert.Equal(DatasetRelease.ContentHash, await connection.ExecuteScalarAsync<string>("SELECT content_hash FROM data_release WHERE is_current = 1"));
    }

    [Theory]
    [InlineData("company", "company_source", "company_id")]
    [InlineData("phase", "phase_source", "phase_id")]
    [InlineData("status_change", "status_change_source", "status_change_id")]
    [InlineData("agreed_reduction", "agreed_reduction_source", "agreed_reduction_id")]
    [InlineData("programme_event", "programme_event_source", "programme_event_id")]
    public async Task Load_EveryRecord_CitesAtLeastOneSource(string table, string links, string foreignKey)
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var unsourced = await connection.QueryAsync<string>(
            $"SELECT id FROM \"{table}\" AS r WHERE NOT EXISTS (SELECT 1 FROM \"{links}\" AS l WHERE l.\"{foreignKey}\" = r.id)");

        Assert.Empty(unsourced);
    }

    [Fact]
    public async Task Load_DatesWithPrecision_GetThePeriodTheyCover()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var dow = await connection.QuerySingleAsync<(string Date, string Precision, string Start, string End)>(
            "SELECT date, date_precision, period_start, period_end FROM status_change WHERE id = 'dow-benelux-2025-07'");
        var undated = await connection.QuerySingleAsync<(string? Date, string? Start)>(
            "SELECT date, period_start FROM status_change WHERE id = 'tata-steel-nederland-undated'");

        Assert.Equal(("2025-07", "month", "2025-07-01", "2025-07-31"), dow);
        Assert.Equal((null, null), undated);
    }

    [Fact]
    public async Task Load_ProgrammeOrder_FollowsEachCompanysEarliestDatedStatusChange()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var order = (await connection.QueryAsync<string>("SELECT id FROM company ORDER BY programme_order")).ToList();

        // Tata Steel signed the first EoP (July 2022), then Dow, Nobian, OCI and Shell; FrieslandCampina has no dated change.
        Assert.Equal(["tata-steel-nederland", "dow-benelux", "nobian", "oci", "shell-nederland"], order.Take(5));
        Assert.Equal(["air-products", "exxonmobil", "frieslandcampina"], order.TakeLast(3));
        Assert.Equal(16, order.Distinct().Count());
    }

    [Fact]
    public async Task Prepare_CurrentFile_IsReusedNotRebuilt()
    {
        await using var db = await TempDatabase.CreateAsync();
        var written = File.GetLastWriteTimeUtc(db.Path);

        await TempDatabase.PrepareAsync(db.Path);

        Assert.Equal(written, File.GetLastWriteTimeUtc(db.Path));
    }

    [Fact]
    public async Task Prepare_FileOfAnotherRelease_IsRebuilt()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.ExecuteAsync("UPDATE data_release SET content_hash = 'older-content'; DELETE FROM company_site;");
        }

        await TempDatabase.PrepareAsync(db.Path);

        await using var check = new SqliteConnection($"Data Source={db.Path};Mode=ReadOnly;Pooling=False");
        Assert.Equal(DatasetRelease.ContentHash, await check.ExecuteScalarAsync<string>("SELECT content_hash FROM data_release WHERE is_current = 1"));
        Assert.Equal(22, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM company_site"));
    }

    [Fact]
    public async Task Prepare_FileThatIsNotADatabase_IsReplaced()
    {
        var folder = Path.Combine(Path.GetTempPath(), "maatwerk-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "reporting.db");
        await File.WriteAllTextAsync(path, "not a database", TestContext.Current.CancellationToken);
        try
        {
            var database = await TempDatabase.PrepareAsync(path);

            await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal(16, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM company"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_EmbeddedDatabase_IsOpenedReadOnly()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM source"));

        Assert.Contains("readonly", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("status-changes.csv", "kind", "phase-jump")]
    [InlineData("status-changes.csv", "datePrecision", "week")]
    [InlineData("agreed-reductions.csv", "substance", "co2")]
    public void Load_CodeOutsideItsList_IsRefusedNamingTheCodes(string file, string header, string value)
    {
        var column = DatasetFile.All.Single(f => f.FileName == file).Columns.Single(c => c.Header == header);

        var error = Assert.Throws<InvalidDataException>(() => DatasetLoader.Checked(column, value, file + " row 2"));

        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(column.Codes![0], error.Message, StringComparison.Ordinal);
        Assert.Equal(column.Codes[0], DatasetLoader.Checked(column, column.Codes[0], file + " row 2"));
    }
}
