using Dapper;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Deploy.Tests;

/// <summary>
/// The deployment tool as a user runs it: on a SQLite file from nothing to ready, twice; and on SQL Server
/// when <c>MAATWERK_TEST_SQLSERVER</c> names a server, in a database of the test's own (skipped with that
/// reason otherwise).
/// </summary>
public sealed class DeployCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-deploy-tests", Guid.NewGuid().ToString("N"));

    private static readonly int Scripts = Data.Schema.SchemaScripts.For(Query.Sql.SqliteDialect.Instance).Count;

    private string File => Path.Combine(folder, "reporting.db");

    [Fact]
    public async Task MigrateLoadStatus_EmptySqliteFile_BecomesReadyAndRunningAgainChangesNothing()
    {
        Assert.Equal((3, $"Not ready: the reporting schema lacks {Scripts} migration script(s)"), Trim(await Run("status", "--sqlite", File), "Not ready"));
        var migrated = await Run("migrate", "--sqlite", File);
        var loaded = await Run("load", "--sqlite", File);
        var ready = await Run("status", "--sqlite", File);
        var snapshot = await Snapshot();

        var migratedAgain = await Run("migrate", "--sqlite", File);
        var loadedAgain = await Run("load", "--sqlite", File);

        Assert.Equal(0, migrated.Exit);
        Assert.Contains($"Applied {Scripts} migration(s)", migrated.Output, StringComparison.Ordinal);
        Assert.Equal(0, loaded.Exit);
        Assert.Contains("status_change                  39 rows  +39 added", loaded.Output, StringComparison.Ordinal);
        Assert.Equal((0, "Ready to be served."), (ready.Exit, ready.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1]));
        Assert.Equal((0, "Schema is up to date; no migration applied."), (migratedAgain.Exit, migratedAgain.Output.Trim()));
        Assert.Equal(0, loadedAgain.Exit);
        Assert.Contains("is already current; nothing loaded.", loadedAgain.Output, StringComparison.Ordinal);
        Assert.Equal(snapshot, await Snapshot());
    }

    [Fact]
    public async Task Load_BeforeMigrate_FailsNamingTheCommandToRun()
    {
        var result = await Run("load", "--sqlite", File);

        Assert.Equal(DeployCommand.Failed, result.Exit);
        Assert.Contains($"error: load failed: the reporting schema lacks {Scripts} migration script(s)", result.Error, StringComparison.Ordinal);
        Assert.Contains("-- migrate", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "deploy" }, "unknown command 'deploy'")]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "load", "--provider", "oracle", "--sqlite", "x.db" }, "unknown provider 'oracle'")]
    [InlineData(new[] { "load", "--provider", "sqlserver" }, "no connection string given")]
    [InlineData(new[] { "load" }, "no SQLite file given")]
    [InlineData(new[] { "load", "--sqlite" }, "unknown option or missing value: '--sqlite'")]
    public async Task Run_BadUsage_Exits2WithTheProblemAndTheUsage(string[] args, string problem)
    {
        var result = await Run(args);

        Assert.Equal(DeployCommand.BadUsage, result.Exit);
        Assert.StartsWith($"error: {problem}", result.Error, StringComparison.Ordinal);
        Assert.Contains("usage: dotnet run --project src/Maatwerk.OpenData.Deploy", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnreachableSqlServer_Exits1WithTheDriversMessage()
    {
        var result = await Run("status", "--provider", "sqlserver", "--connection", "Server=tcp:127.0.0.1,1;Connect Timeout=2;Encrypt=False");

        Assert.Equal(DeployCommand.Failed, result.Exit);
        Assert.StartsWith("error: status failed: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_OnSqlite_IsRefusedWithTheReason()
    {
        var result = await Run(["reader", "--sqlite", File], ("MAATWERK_READER_PASSWORD", "Secret-123!"));

        Assert.Equal(DeployCommand.Failed, result.Exit);
        Assert.Contains("only on SQL Server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateLoadStatus_SqlServer_BecomesReadyAndRunningAgainChangesNothing()
    {
        await using var database = await SqlServerScratch.CreateAsync(TestContext.Current.CancellationToken);
        Assert.SkipWhen(database is null, SqlServerScratch.SkipReason);
        string[] target = ["--provider", "sqlserver", "--connection", database.ConnectionString];

        Assert.Equal(0, (await Run(["migrate", .. target])).Exit);
        Assert.Equal(0, (await Run(["load", .. target])).Exit);
        var again = await Run(["load", .. target]);
        var status = await Run(["status", .. target]);
        var reader = await Run(["reader", .. target], ("MAATWERK_READER_PASSWORD", "Reader-Pass-" + Guid.NewGuid().ToString("N")[..8] + "!"));

        Assert.Contains("nothing loaded", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, status.Exit);
        Assert.Equal(0, reader.Exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<Result> Run(params string[] args) => Run(args, []);

    private async Task<Result> Run(string[] args, params (string Name, string Value)[] environment)
    {
        Directory.CreateDirectory(folder);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DeployCommand.RunAsync(
            args, name => environment.FirstOrDefault(e => e.Name == name).Value, output, error, TestContext.Current.CancellationToken);
        return new Result(exit, output.ToString(), error.ToString());
    }

    // Every row of every table, with the release record: what a second run must leave untouched.
    private async Task<string> Snapshot()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Mode=ReadOnly;Pooling=False");
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var rows = new List<string>();
        foreach (var table in tables)
        {
            rows.AddRange((await connection.QueryAsync($"SELECT * FROM \"{table}\"")).Select(r => table + ":" + string.Join("|", ((IDictionary<string, object>)r).Values)));
        }

        return string.Join("\n", rows);
    }

    private static (int, string) Trim(Result result, string linePrefix) =>
        (result.Exit, result.Output.Split(Environment.NewLine).Single(l => l.StartsWith(linePrefix, StringComparison.Ordinal)).Split(" (")[0]);

    private sealed record Result(int Exit, string Output, string Error);
}
