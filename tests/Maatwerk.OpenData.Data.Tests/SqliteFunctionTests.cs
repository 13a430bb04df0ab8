using Dapper;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>The OData functions are registered on a SQLite connection when, and only when, a statement calls one.</summary>
public sealed class SqliteFunctionTests
{
    [Fact]
    public async Task Ready_StatementWithoutAFunction_RegistersNone_AndOneCallingAFunction_RegistersThem()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);
        var calling = $"SELECT {ODataFunctions.ToLowerName}('ÄB')";

        temp.Database.Ready(connection, "SELECT 1");
        var missing = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<string>(calling));
        Assert.Contains("no such function", missing.Message, StringComparison.Ordinal);

        temp.Database.Ready(connection, calling);
        Assert.Equal("äb", await connection.ExecuteScalarAsync<string>(calling));

        // Once registered they stay for the connection's other statements.
        temp.Database.Ready(connection, "SELECT 1");
        Assert.Equal("äb", await connection.ExecuteScalarAsync<string>(calling));
    }
}
