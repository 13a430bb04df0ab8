using Dapper;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// A statement on a connection of <see cref="ReportingDatabase.OpenAsync"/> stops when its user's token is
/// cancelled or the <see cref="QueryDeadline"/> passes, also when that happened before it started, and the
/// connection serves the next statement.
/// </summary>
public sealed class CancellationTests
{
    // Never ends by itself: counts an unbounded recursive sequence.
    private const string EndlessStatement = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

    // Without the check the statement would run until the test host gives up; a minute is far beyond any machine's noise.
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task OpenAsync_TokenCancelledWhileAStatementRuns_StopsItAndTheConnectionIsFreeAfterwards()
    {
        await using var temp = await TempDatabase.CreateAsync();
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await using var connection = await temp.Database.OpenAsync(budget.Token);

        var error = await Assert.ThrowsAsync<SqliteException>(() => RunEndlessAsync(connection));

        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, error.SqliteErrorCode);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task OpenAsync_TokenCancelledBeforeTheStatementStarts_StopsIt()
    {
        // An interrupt sent between two statements is forgotten when the next one starts; the check is not.
        await using var temp = await TempDatabase.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await using var connection = await temp.Database.OpenAsync(cancelled.Token);
        await cancelled.CancelAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => RunEndlessAsync(connection));

        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, error.SqliteErrorCode);
    }

    [Fact]
    public async Task OpenAsync_DeadlinePassesWhileAStatementRuns_StopsItWithoutATokenBeingCancelled()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var error = await Task.Run(
            async () =>
            {
                QueryDeadline.Start(TimeSpan.FromMilliseconds(50));
                await using var connection = await temp.Database.OpenAsync(CancellationToken.None);
                return await Assert.ThrowsAsync<SqliteException>(() => RunEndlessAsync(connection));
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, error.SqliteErrorCode);
        Assert.False(QueryDeadline.HasPassed, "The deadline belongs to the flow that set it.");
    }

    [Fact]
    public async Task OpenAsync_PooledConnectionOpenedAgain_IsNotBoundToItsPreviousUser()
    {
        await using var temp = await TempDatabase.CreateAsync();
        using var first = new CancellationTokenSource();
        object? handle;
        await using (var connection = await temp.Database.OpenAsync(first.Token))
        {
            handle = ((SqliteConnection)connection).Handle;
        }

        await first.CancelAsync();
        await using var again = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Same(handle, ((SqliteConnection)again).Handle);
        // Long enough (tens of thousands of instructions) for the connection to check whether it must stop.
        Assert.Equal(10_000L, await again.ExecuteScalarAsync<long>("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000) SELECT count(*) FROM n"));
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

    // Run without a token of its own, as a statement that a cancellation callback could no longer reach.
    private static Task<long> RunEndlessAsync(System.Data.Common.DbConnection connection) =>
        Task.Run(() => connection.ExecuteScalarAsync<long>(EndlessStatement)).WaitAsync(Never, TestContext.Current.CancellationToken);
}
