using Dapper;
using Maatwerk.OpenData.Data.Deployment;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// The arrays stored on the records (schema script 0007) hold exactly the JSON the child tables give,
/// after a load and after a database loaded before the script is brought up to date.
/// </summary>
public sealed class StoredArrayTests
{
    private static readonly (string EntitySet, string Property)[] Stored =
    [
        .. ReportingTables.All.SelectMany(m => m.Columns.Where(c => c.Children?.StoredAs is not null).Select(c => (m.EntitySet, c.Property))),
    ];

    public static TheoryData<string, string> Arrays() => new(Stored);

    [Fact]
    public void Arrays_EveryArrayOfTheModel_IsStored()
    {
        var arrays = ReportingTables.All.SelectMany(m => m.Columns).Where(c => c.Kind == ColumnKind.JsonArray).ToList();

        Assert.Equal(6, arrays.Count);
        Assert.All(arrays, c => Assert.NotNull(c.Children?.StoredAs));
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public async Task Load_StoredArray_IsTheJsonTheChildRowsGiveForEveryRecord(string entitySet, string property)
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var rows = await StoredAndBuiltAsync(connection, entitySet, property);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(r.Built, r.Stored));
    }

    [Fact]
    public async Task Load_CompanySites_StoresSeveralInOrderWithNullsAndNoneAsAnEmptyArray()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(TestContext.Current.CancellationToken);

        var stored = (await connection.QueryAsync<(string Id, string Sites, string SourceIds)>(
            "SELECT id, sites_json, source_ids_json FROM company WHERE id IN ('nobian', 'frieslandcampina')")).ToDictionary(r => r.Id);

        Assert.Equal(
            """[{"name":"Delfzijl (Chemie Park Delfzijl)","municipality":null,"province":"Groningen"},"""
            + """{"name":"Hengelo","municipality":"Hengelo","province":"Overijssel"},"""
            + """{"name":"Rotterdam","municipality":"Rotterdam","province":"Zuid-Holland"}]""",
            stored["nobian"].Sites);
        Assert.Equal("""["s006","s007","s008","s009","s010","s011","s012","s013"]""", stored["nobian"].SourceIds);
        Assert.Equal("[]", stored["frieslandcampina"].Sites);
    }

    [Fact]
    public async Task Load_CurrentReleaseWithoutStoredArrays_WritesThemAndLeavesTheReleaseRecord()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False;Foreign Keys=True");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var record = await ReleaseRecordAsync(connection);
        await connection.ExecuteAsync("UPDATE company SET sites_json = NULL, source_ids_json = NULL; UPDATE status_change SET source_ids_json = NULL");

        var result = await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, TestContext.Current.CancellationToken);

        Assert.False(result.Loaded);
        Assert.Equal(record, await ReleaseRecordAsync(connection));
        foreach (var (set, property) in new[] { ("companies", "sites"), ("companies", "sourceIds"), ("statusChanges", "sourceIds") })
        {
            Assert.All(await StoredAndBuiltAsync(connection, set, property), r => Assert.Equal(r.Built, r.Stored));
        }
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("deployment")]
    public async Task Migrate_DatabaseLoadedAtScript0006_GetsItsStoredArraysWithoutAnotherLoad(string path)
    {
        await using var db = await TempDatabase.CreateAsync();
        string record;
        await using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            record = await ReleaseRecordAsync(connection);
            await DowngradeTo0006Async(connection);
        }

        if (path == "embedded")
        {
            await TempDatabase.PrepareAsync(db.Path);
        }
        else
        {
            var deployment = new ReportingDeployment(DatabaseProvider.Sqlite, $"Data Source={db.Path}");
            Assert.Equal(["Schema.Sqlite.0007_stored_arrays.sql"], deployment.Migrate());
            Assert.False((await deployment.LoadAsync(TestContext.Current.CancellationToken)).Loaded);
        }

        await using var check = new SqliteConnection($"Data Source={db.Path};Mode=ReadOnly;Pooling=False");
        await check.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(record, await ReleaseRecordAsync(check));
        foreach (var (set, property) in Stored)
        {
            var rows = await StoredAndBuiltAsync(check, set, property);
            Assert.All(rows, r => Assert.Equal(r.Built, r.Stored));
        }
    }

    [Fact]
    public async Task Status_MigratedButNotLoaded_IsNotReadyUntilTheLoadWritesTheArrays()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await DowngradeTo0006Async(connection);
        }

        var deployment = new ReportingDeployment(DatabaseProvider.Sqlite, $"Data Source={db.Path}");
        deployment.Migrate();
        var migrated = await deployment.StatusAsync(TestContext.Current.CancellationToken);
        await deployment.LoadAsync(TestContext.Current.CancellationToken);
        var loaded = await deployment.StatusAsync(TestContext.Current.CancellationToken);

        Assert.True(migrated.StoredArraysMissing);
        Assert.Contains("load", migrated.Problem, StringComparison.Ordinal);
        Assert.False(loaded.StoredArraysMissing);
        Assert.Null(loaded.Problem);
    }

    // The stored array and the one the correlated subquery builds from the child rows, per record.
    private static async Task<List<(string? Stored, string Built)>> StoredAndBuiltAsync(System.Data.Common.DbConnection connection, string entitySet, string property)
    {
        var map = ReportingTables.All.Single(m => m.EntitySet == entitySet);
        var children = map.Find(property)!.Children!;
        var dialect = SqliteDialect.Instance;
        var built = dialect.JsonArray(children, "p." + dialect.Quote(map.Key.Column));
        var rows = await connection.QueryAsync<(string? Stored, string Built)>(
            $"SELECT p.{dialect.Quote(children.StoredAs!)}, {built} FROM {dialect.Table(map.Table)} AS p");
        return rows.ToList();
    }

    // Every release row with its table rows, as text: what a load that writes a release would change.
    private static async Task<string> ReleaseRecordAsync(SqliteConnection connection) =>
        string.Join("\n", await connection.QueryAsync<string>(
            "SELECT r.version || ' ' || r.loaded_at || ' ' || r.is_current || ' ' || t.table_name || ' ' || t.row_count "
            + "FROM data_release AS r JOIN data_release_table AS t ON t.version = r.version ORDER BY r.version, t.table_name"));

    // The database as schema script 0006 and a load before 0007 left it: no stored columns, 0007 not applied.
    private static async Task DowngradeTo0006Async(SqliteConnection connection)
    {
        foreach (var map in ReportingTables.All)
        {
            foreach (var stored in map.Columns.Select(c => c.Children?.StoredAs).OfType<string>())
            {
                await connection.ExecuteAsync($"ALTER TABLE \"{map.Table}\" DROP COLUMN \"{stored}\"");
            }
        }

        Assert.Equal(1, await connection.ExecuteAsync("DELETE FROM schema_version WHERE ScriptName = 'Schema.Sqlite.0007_stored_arrays.sql'"));
    }
}
