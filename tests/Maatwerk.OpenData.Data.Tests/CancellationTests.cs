using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>A cancelled request stops its statement in the database, and the connection serves the next one.</summary>
public sealed class CancellationTests
{
    // Never ends by itself: counts an unbounded recursive sequence.
    private const string EndlessStatement = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

    [Fact]
    public async Task StopOnCancel_RunningSqliteStatement_IsInterruptedAndTheConnectionIsFreeAfterwards()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var run = Task.Run(
            async () =>
            {
                using var interrupt = temp.Database.StopOnCancel(connection, budget.Token);
                return await connection.ExecuteScalarAsync<long>(new CommandDefinition(EndlessStatement, cancellationToken: budget.Token));
            },
            TestContext.Current.CancellationToken);

        // Without the interrupt the statement would run until the test host gives up; a minute is far beyond any machine's noise.
        var error = await Assert.ThrowsAsync<SqliteException>(() => run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, error.SqliteErrorCode);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task IsUnavailable_LockedOrMissingFile_IsAFaultOfTheMomentButASyntaxErrorIsNot()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);
        var syntax = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<long>("SELEC 1"));
        var missing = await Assert.ThrowsAsync<SqliteException>(() => ReportingDatabase.Sqlite(temp.Path + ".missing").OpenAsync(TestContext.Current.CancellationToken));

        Assert.False(temp.Database.IsUnavailable(syntax));
        Assert.True(temp.Database.IsUnavailable(missing));
        Assert.True(temp.Database.IsUnavailable(new SqliteException("locked", SQLitePCL.raw.SQLITE_BUSY)));
    }
}
