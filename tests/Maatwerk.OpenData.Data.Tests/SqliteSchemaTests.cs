using Dapper;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>The SQLite schema is the SQL Server schema in SQLite's types: same tables, columns, keys, indexes.</summary>
public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task SchemaScripts_Sqlite_CreateTheSameColumnsAndIndexesAsSqlServer()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var (_, text) in SchemaScripts.For(SqliteDialect.Instance))
        {
            await connection.ExecuteAsync(text);
        }

        var sqlServer = SqlServerScriptTests.Statements().ToList();
        foreach (var table in SqlServerScriptTests.CurrentTables())
        {
            var name = table.Name;
            var expected = table.Columns
                .Select(c => (c.ColumnIdentifier.Value, NotNull: c.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable)))
                .ToList();
            var actual = (await connection.QueryAsync<(string Name, long NotNull)>($"SELECT name, \"notnull\" FROM pragma_table_info('{name}') ORDER BY cid"))
                .Select(c => (c.Name, NotNull: c.NotNull == 1))
                .ToList();
            Assert.Equal(expected, actual);
        }

        var expectedIndexes = sqlServer.OfType<CreateIndexStatement>().Select(i => i.Name.Value).Order(StringComparer.Ordinal).ToList();
        var actualIndexes = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedIndexes, actualIndexes);
    }
}
