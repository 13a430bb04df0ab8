using System.Data;
using Maatwerk.OpenData.Api.Tests.Differential;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.CompanyStates;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// What the service sends to SQL Server, checked without a SQL Server: for the whole query corpus and the
/// service's own lookups, each statement is a single side-effect-free SELECT whose tables and columns
/// exist in the reporting schema (as the migration scripts leave it) and whose parameters are typed as
/// the columns they are compared with. The migration scripts themselves resolve against the same schema.
/// </summary>
public sealed class EmittedSqlTests(ApiFactory api)
{
    private static readonly ReportingSchema Schema = ReportingSchema.SqlServer;

    [Theory]
    [MemberData(nameof(OracleCorpusTests.Corpus), MemberType = typeof(OracleCorpusTests))]
    public void Corpus_EveryStatementForSqlServer_IsOneSelectResolvedAgainstTheSchema(string path, string query)
    {
        Assert.Empty(Problems(path, query));
    }

    [Fact]
    public async Task RandomQueries_Seeded_AreSelectsResolvedAndTypedAgainstTheSchema()
    {
        var (seed, count) = DifferentialTests.Settings();
        var generator = new QueryGenerator(seed, await api.OracleData);
        var failures = new List<string>();

        for (var i = 0; i < count && failures.Count < 25; i++)
        {
            var (path, query) = generator.Next();
            var problems = Problems(path, query);
            if (problems.Count > 0)
            {
                failures.Add($"#{i} /v1/{path}?{Uri.UnescapeDataString(query)}{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", problems)}");
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// Renders a query (with $count=true, so the count statement is checked too) in the SQL Server
    /// dialect and returns what <see cref="StatementCheck"/> objects to, if anything: a parse error, a
    /// statement that is not one SELECT, a name the schema does not have, a parameter declared other than
    /// the column it is compared with, a parameter bound but not used, a page that is not ORDER BY ... OFFSET/FETCH.
    /// </summary>
    internal static List<string> Problems(string path, string query)
    {
        var statements = EmittedStatements.For(path, query, SqlServerDialect.Instance);
        var rows = statements[0].Text;

        var problems = new List<string>();
        foreach (var statement in statements)
        {
            problems.AddRange(StatementCheck.Problems(statement, Schema).Select(p => $"{p} in: {statement.Text}"));
            problems.AddRange(statement.Parameters.Where(p => !statement.Text.Contains(p.Name, StringComparison.Ordinal)).Select(p => $"{p.Name} is bound but not used"));
        }

        if (!rows.Contains("ORDER BY", StringComparison.Ordinal) || !rows.EndsWith("ROWS ONLY", StringComparison.Ordinal))
        {
            problems.Add("the page is not ORDER BY ... OFFSET/FETCH: " + rows);
        }

        return problems;
    }

    [Fact]
    public void ServiceLookups_ReleaseAndSchemaChecks_AreSelectsResolvedAgainstTheSchema()
    {
        var statements = ReleaseStore.Statements(SqlServerDialect.Instance)
            .Concat(SchemaScripts.CheckStatements(SqlServerDialect.Instance))
            .Select(text => new SqlStatement(text, [new SqlParameter("@version", "2026.03.1", ReleaseStore.VersionType.DbType, ReleaseStore.VersionType.Size)]))
            .ToList();

        Assert.Equal(5, statements.Count);
        Assert.All(statements, s => Assert.Empty(StatementCheck.Problems(s, Schema)));
    }

    [Fact]
    public void StoredArrayProbes_AreSelectsResolvedAgainstTheSchema()
    {
        var statements = StoredArrays.ProbeStatements(SqlServerDialect.Instance).Select(text => new SqlStatement(text, [])).ToList();

        Assert.Equal(6, statements.Count);
        Assert.All(statements, s => Assert.Empty(StatementCheck.Problems(s, Schema)));
    }

    [Fact]
    public void ReleaseFileReads_AreSelectsResolvedAgainstTheSchema()
    {
        var statements = ReleaseArchive.ReadStatements(SqlServerDialect.Instance)
            .Select(text => new SqlStatement(text, [
                new SqlParameter("@version", "2026.03.1", ReleaseStore.VersionType.DbType, ReleaseStore.VersionType.Size),
                new SqlParameter("@kind", ReleaseArchive.Zip, ReleaseArchive.KindType.DbType, ReleaseArchive.KindType.Size)]))
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
            ["@p0 is declared varchar(4000) but compared with s.company_id of type nvarchar(100)", "@p1 is declared datetime2(7) but compared with s.period_start of type date"],
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

    [Fact]
    public void ColumnMaps_EveryColumnOfEveryEntitySet_DeclaresTheDdlType()
    {
        var columns = ReportingTables.All.Append(CompanyOnDateTable.Map)
            .SelectMany(map => map.Columns.Where(c => c.Children is null).Select(c => (map.Table, c.Column, Declared: c.Type?.ToString()))
                .Concat(map.Columns.Select(c => c.Children).OfType<ChildRows>()
                    .SelectMany(rows => rows.Fields.Select(f => (rows.Table, f.Column, Declared: (string?)f.Type.ToString()))))
                .Concat(map.Columns.Select(c => c.Children?.StoredAs).OfType<string>()
                    .Select(stored => (map.Table, Column: stored, Declared: (string?)Query.Model.ColumnType.NVarCharMax.ToString()))))
            .ToList();
        var typed = columns.Where(c => Schema.Objects[c.Table][c.Column] is not null).ToList();

        Assert.All(typed, c => Assert.Equal(Schema.Objects[c.Table][c.Column], c.Declared));

        // The view's plain column references carry no type in the DDL; every table column does.
        Assert.True(typed.Count >= columns.Count - 1, $"{columns.Count - typed.Count} columns have no declared type in the DDL");
    }

    private static bool HasColumn(string table, string column) =>
        Schema.Objects.TryGetValue(table, out var columns) && columns.ContainsKey(column);
}
