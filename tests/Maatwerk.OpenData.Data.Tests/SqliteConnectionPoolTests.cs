using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

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
