using System.Data.Common;
using Dapper;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Query;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// The embedded database lends open connections that keep their prepared statements, and never lends one
/// that failed, is still reading, or was opened on a file that has since moved or changed.
/// </summary>
public sealed class SqliteConnectionPoolTests
{
    private const string Statement = "SELECT count(*) FROM phase WHERE id <> @p0";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dispose_LendsTheConnectionBack_WithItsPreparedStatement()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;

        DbConnection first;
        SqliteConnectionPool.KeptCommand? used;
        await using (first = await database.OpenAsync(Token))
        {
            await first.ExecuteScalarAsync<long>(new CommandDefinition(Statement, new { p0 = "a" }, cancellationToken: Token));
            used = ((SqliteConnectionPool.PooledSqliteConnection)first).Lend(Statement, this);
            used!.Return(this);
        }

        await using var second = await database.OpenAsync(Token);
        var kept = Assert.IsType<SqliteConnectionPool.PooledSqliteConnection>(second).Lend(Statement, this);
        kept!.Return(this);

        Assert.Same(first, second);
        Assert.Same(used, kept);
        Assert.Equal(
            await second.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM phase", cancellationToken: Token)),
            await second.ExecuteScalarAsync<long>(new CommandDefinition(Statement, new { p0 = "no such phase" }, cancellationToken: Token)));
    }

    [Fact]
    public async Task PagedList_RunAgainWithOtherValues_UsesItsPreparedStatementWithoutCompilingItAgain()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;
        var store = new ReportingStore(database);
        await TrackStatementsAsync(database);

        await store.QueryAsync(new QuerySpec(PhaseTable.Map) { Top = 2 }, Token);
        await store.QueryAsync(new QuerySpec(PhaseTable.Map) { Top = 2, Skip = 1 }, Token);
        await store.QueryAsync(new QuerySpec(PhaseTable.Map) { Top = 2 }, Token);

        await using var connection = await database.OpenAsync(Token);
        var statements = Statements((SqliteConnection)connection);
        Assert.Contains(statements, s => s.Runs >= 2);
        Assert.All(statements, s => Assert.Equal(0, s.Recompiled));
    }

    [Fact]
    public async Task LimitAsParameter_IsCompiledAgainOnEveryRun_WhichIsWhyPagingIsWrittenIntoTheText()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;
        const string parameterised = "SELECT id FROM phase ORDER BY id LIMIT @take";
        await TrackStatementsAsync(database);

        await using (var first = await database.OpenAsync(Token))
        {
            await first.QueryAsync<string>(new CommandDefinition(parameterised, new { take = 2 }, cancellationToken: Token));
            await first.QueryAsync<string>(new CommandDefinition(parameterised, new { take = 3 }, cancellationToken: Token));
        }

        await using var connection = await database.OpenAsync(Token);
        Assert.Contains(Statements((SqliteConnection)connection), s => s.Text == parameterised && s.Recompiled >= 1);
    }

    // The pool's one connection, made to list its statements from now on (SQLitePCL tracks them only when asked).
    private static async Task TrackStatementsAsync(SqliteReportingDatabase database)
    {
        await using var connection = await database.OpenAsync(Token);
        ((SqliteConnection)connection).Handle!.enable_sqlite3_next_stmt(true);
    }

    // The prepared statements a connection holds, with how often each ran and was compiled again (sqlite3_stmt_status).
    private static List<(string Text, int Runs, int Recompiled)> Statements(SqliteConnection connection)
    {
        const int run = 6;
        const int reprepare = 5;
        var statements = new List<(string, int, int)>();
        for (var stmt = raw.sqlite3_next_stmt(connection.Handle, null); stmt is not null && !stmt.IsInvalid; stmt = raw.sqlite3_next_stmt(connection.Handle, stmt))
        {
            statements.Add((raw.sqlite3_sql(stmt).utf8_to_string(), raw.sqlite3_stmt_status(stmt, run, 0), raw.sqlite3_stmt_status(stmt, reprepare, 0)));
        }

        return statements;
    }

    [Fact]
    public async Task ConnectionWhoseReaderWasDisposed_IsLentBack()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;

        DbConnection first;
        await using (first = await database.OpenAsync(Token))
        {
            await using var reader = await first.ExecuteReaderAsync(new CommandDefinition("SELECT id FROM phase", cancellationToken: Token));
            while (await reader.ReadAsync(Token))
            {
            }
        }

        Assert.Equal(1, database.Pool.IdleCount);
        await using var second = await database.OpenAsync(Token);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task ConnectionWithAReaderStillOpen_IsClosedNotLentAgain()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;

        var connection = await database.OpenAsync(Token);
        var reader = await connection.ExecuteReaderAsync(new CommandDefinition("SELECT id FROM phase", cancellationToken: Token));
        Assert.True(await reader.ReadAsync(Token));
        await connection.DisposeAsync();

        Assert.Equal(0, database.Pool.IdleCount);
        await using var next = await database.OpenAsync(Token);
        Assert.NotSame(connection, next);
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task FailedStatement_ClosesTheConnection()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;

        var connection = await database.OpenAsync(Token);
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM no_such_table", cancellationToken: Token)));
        await connection.DisposeAsync();

        Assert.Equal(0, database.Pool.IdleCount);
    }

    [Fact]
    public async Task FileMovedAway_IsNotReadThroughIdleConnections_AndIsReadAgainWhenBack()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var database = (SqliteReportingDatabase)temp.Database;
        await using (var warm = await database.OpenAsync(Token))
        {
            await warm.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM phase", cancellationToken: Token));
        }

        Assert.Equal(1, database.Pool.IdleCount);
        File.Move(temp.Path, temp.Path + ".away");
        var error = await Assert.ThrowsAsync<SqliteException>(() => database.OpenAsync(Token));
        Assert.True(database.IsUnavailable(error));
        Assert.Equal(0, database.Pool.IdleCount);

        File.Move(temp.Path + ".away", temp.Path);
        await using var back = await database.OpenAsync(Token);
        Assert.True(await back.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM phase", cancellationToken: Token)) > 0);
    }

    [Fact]
    public async Task SameStatementTwiceAtOnce_OnOneConnection_BothRun()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(Token);

        await using var outer = await connection.ExecuteReaderAsync(new CommandDefinition("SELECT id FROM phase ORDER BY id", cancellationToken: Token));
        Assert.True(await outer.ReadAsync(Token));
        var inner = (await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM phase ORDER BY id", cancellationToken: Token))).ToList();

        Assert.Equal(outer.GetString(0), inner[0]);
    }
}
