using Dapper;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// The OData functions are registered once on each physical SQLite connection, not on every open: a pooled
/// connection opened again still has them, with Microsoft.Data.Sqlite's conversions of arguments and results.
/// </summary>
public sealed class SqliteFunctionTests
{
    [Fact]
    public async Task OpenAsync_PooledConnectionOpenedAgain_StillHasTheFunctions()
    {
        await using var temp = await TempDatabase.CreateAsync();
        object? handle;
        await using (var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken))
        {
            handle = ((SqliteConnection)connection).Handle;
            Assert.Equal("äb", await connection.ExecuteScalarAsync<string>($"SELECT {ODataFunctions.ToLowerName}('ÄB')"));
        }

        await using var again = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Same(handle, ((SqliteConnection)again).Handle);
        Assert.Equal("äb", await again.ExecuteScalarAsync<string>($"SELECT {ODataFunctions.ToLowerName}('ÄB')"));
    }

    [Theory]
    [InlineData("SELECT odata_contains('maatwerk', 'werk')", "1")]
    [InlineData("SELECT odata_contains(NULL, 'werk')", null)]
    [InlineData("SELECT odata_length('ÄB')", "2")]
    [InlineData("SELECT odata_indexof('maatwerk', 'werk')", "4")]
    [InlineData("SELECT odata_substring('maatwerk', 4)", "werk")]
    [InlineData("SELECT odata_substring('maatwerk', -1, 4)", "maat")]
    [InlineData("SELECT odata_substring(12345, 1, 2)", "23")]
    [InlineData("SELECT odata_dec_add(0.1, 0.2)", "0.3")]
    [InlineData("SELECT odata_dec_div(1, 0)", null)]
    [InlineData("SELECT odata_dec_sum(x) FROM (SELECT 1.5 AS x UNION ALL SELECT 2.25 UNION ALL SELECT NULL)", "3.75")]
    [InlineData("SELECT odata_dec_sum(x) FROM (SELECT 1 AS x) WHERE x = 2", "0")]
    [InlineData("SELECT odata_dec_avg(x) FROM (SELECT NULL AS x)", null)]
    [InlineData("SELECT odata_dec_avg(x) FROM (SELECT 1 AS x UNION ALL SELECT 2)", "1.5")]
    public async Task Function_CalledInSql_GivesTheODataResult(string sql, string? expected)
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);

        var value = await connection.ExecuteScalarAsync<object?>(sql);

        Assert.Equal(expected, value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Function_ThatFails_IsTheStatementsError()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var connection = await temp.Database.OpenAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<object?>("SELECT odata_dec_mul(1e300, 1e300)"));

        Assert.Equal(SQLitePCL.raw.SQLITE_ERROR, error.SqliteErrorCode);
    }
}
