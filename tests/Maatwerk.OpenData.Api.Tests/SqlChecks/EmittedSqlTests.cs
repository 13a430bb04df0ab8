using System.Data;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// What the service sends to SQL Server, checked without a SQL Server: for the whole query corpus and the
/// service's own lookups, each statement is a single side-effect-free SELECT whose tables and columns
/// exist in the reporting schema (as the migration scripts leave it) and whose parameters are typed as
/// the columns they are compared with. The migration scripts themselves resolve against the same schema.
/// </summary>
public sealed class EmittedSqlTests
{
    private static readonly ReportingSchema Schema = ReportingSchema.SqlServer;

    [Theory]
    [MemberData(nameof(OracleCorpusTests.Corpus), MemberType = typeof(OracleCorpusTests))]
    public void Corpus_EveryStatementForSqlServer_IsOneSelectResolvedAgainstTheSchema(string path, string query)
    {
        var problems = EmittedStatements.For(path, query, SqlServerDialect.Instance)
            .SelectMany(s => StatementCheck.Problems(s, Schema).Select(p => $"{p} in: {s.Text}"));

        Assert.Empty(problems);
    }

    [Fact]
    public void ServiceLookups_ReleaseAndSchemaChecks_AreSelectsResolvedAgainstTheSchema()
    {
        var statements = ReleaseStore.Statements(SqlServerDialect.Instance)
            .Concat(SchemaScripts.CheckStatements(SqlServerDialect.Instance))
            .Select(text => new SqlStatement(text, [new SqlParameter("@version", "2026.03.1", DbType.String)]))
            .ToList();

        Assert.Equal(5, statements.Count);
        Assert.All(statements, s => Assert.Empty(StatementCheck.Problems(s, Schema)));
    }

    [Fact]
    public void ReleaseFileReads_AreSelectsResolvedAgainstTheSchema()
    {
        var statements = ReleaseArchive.ReadStatements(SqlServerDialect.Instance)
            .Select(text => new SqlStatement(text, [new SqlParameter("@version", "2026.03.1", DbType.String), new SqlParameter("@kind", ReleaseArchive.Zip, DbType.String)]))
            .ToList();

        Assert.Equal(3, statements.Count);
        Assert.All(statements, s => Assert.Empty(StatementCheck.Problems(s, Schema)));
    }

    [Fact]
    public void Check_WritesUnknownNamesAndMistypedParameters_AreReported()
    {
        var delete = new SqlStatement("DELETE FROM [reporting].[company]", []);
        var unknown = new SqlStatement("SELECT [c].[id], [c].[ceo] FROM [reporting].[company] AS [c] JOIN [reporting].[owner] AS [o] ON [o].[id] = [c].[id]", []);
        var mistyped = new SqlStatement(
            "SELECT [s].[id] FROM [reporting].[status_change] AS [s] WHERE [s].[company_id] = @p0 AND [s].[period_start] >= @p1",
            [new SqlParameter("@p0", "nobian", DbType.AnsiString), new SqlParameter("@p1", DateTime.Today, DbType.DateTime2)]);
        var sideEffect = new SqlStatement("SELECT NEXT VALUE FOR [reporting].[ids] AS [n]", []);

        Assert.Equal(["not a single SELECT without INTO"], StatementCheck.Problems(delete, Schema));
        Assert.Equal(["unknown table reporting.owner", "unknown column c.ceo", "unknown column o.id"], StatementCheck.Problems(unknown, Schema));
        Assert.Equal(
            ["@p0 is bound as AnsiString but compared with s.company_id of type nvarchar(100)", "@p1 is bound as DateTime2 but compared with s.period_start of type date"],
            StatementCheck.Problems(mistyped, Schema));
        Assert.Contains("NEXT VALUE FOR changes a sequence", StatementCheck.Problems(sideEffect, Schema));
    }

    [Fact]
    public void MigrationScripts_IndexesKeysAndViews_ResolveAgainstTheSchema()
    {
        var problems = new List<string>();
        foreach (var statement in Schema.Statements)
        {
            switch (statement)
            {
                case CreateIndexStatement index:
                    problems.AddRange(index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)
                        .Where(c => !HasColumn(index.OnName.BaseIdentifier.Value, c))
                        .Select(c => $"index {index.Name.Value}: unknown column {c}"));
                    break;
                case CreateTableStatement table:
                    var keys = table.Definition.ColumnDefinitions.SelectMany(c => c.Constraints).Concat(table.Definition.TableConstraints)
                        .OfType<ForeignKeyConstraintDefinition>();
                    problems.AddRange(keys.SelectMany(k => k.ReferencedTableColumns.Select(c => (Table: k.ReferenceTableName.BaseIdentifier.Value, Column: c.Value)))
                        .Where(r => !HasColumn(r.Table, r.Column))
                        .Select(r => $"{table.SchemaObjectName.BaseIdentifier.Value}: foreign key to unknown {r.Table}.{r.Column}"));
                    break;
                case CreateViewStatement view:
                    problems.AddRange(StatementCheck.Unresolved(view.SelectStatement, Schema).Select(p => $"view {view.SchemaObjectName.BaseIdentifier.Value}: {p}"));
                    break;
            }
        }

        Assert.Contains(Schema.Statements, s => s is CreateViewStatement);
        Assert.Empty(problems);
    }

    private static bool HasColumn(string table, string column) =>
        Schema.Objects.TryGetValue(table, out var columns) && columns.ContainsKey(column);
}
