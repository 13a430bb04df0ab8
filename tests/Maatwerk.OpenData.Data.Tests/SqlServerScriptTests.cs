using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>SQL Server cannot run here, so its scripts are parsed by ScriptDom, Microsoft's own T-SQL parser.</summary>
public sealed class SqlServerScriptTests
{
    public static TheoryData<string> Scripts => new(SchemaScripts.For(SqlServerDialect.Instance).Select(s => s.Name));

    public static readonly IReadOnlyList<EntityMap> Tables = ReportingTables.All;

    [Fact]
    public void SchemaScripts_SqlServer_AreEmbedded()
    {
        Assert.NotEmpty(SchemaScripts.For(SqlServerDialect.Instance));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void SchemaScript_TSql160Parser_ParsesWithoutErrors(string name)
    {
        var text = SchemaScripts.For(SqlServerDialect.Instance).Single(s => s.Name == name).Text;

        var errors = Parse(text).Errors;

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{name} line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void SchemaScripts_EverySortableColumn_HasAnIndexLeadingWithItAndEndingWithTheKey()
    {
        var indexes = Statements().OfType<CreateIndexStatement>()
            .Select(i => (Table: i.OnName.BaseIdentifier.Value, Columns: i.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToList()))
            .ToList();

        var missing = Tables
            .SelectMany(t => t.Columns.Where(c => c.Sortable && c != t.Key).Select(c => (t.Table, Column: c.Column, Key: t.Key.Column)))
            .Where(c => !indexes.Any(i => i.Table == c.Table && i.Columns[0] == c.Column && i.Columns[^1] == c.Key))
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void SchemaScripts_EveryAllowListedColumn_ExistsWithMatchingNullability()
    {
        var tables = CurrentTables().ToDictionary(
            t => t.Name,
            t => t.Columns.ToDictionary(
                c => c.ColumnIdentifier.Value,
                c => !c.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable)));

        foreach (var table in Tables)
        {
            foreach (var column in table.Columns.Where(c => c.Kind != ColumnKind.JsonArray))
            {
                Assert.True(tables[table.Table].TryGetValue(column.Column, out var nullable), $"{table.Table}.{column.Column} is not created");
                Assert.True(nullable == column.Nullable, $"{table.Table}.{column.Column}: script nullable={nullable}, allow-list nullable={column.Nullable}");
            }

            // A stored array is NULL until the loader writes it (a database loaded before script 0007).
            foreach (var stored in table.Columns.Select(c => c.Children?.StoredAs).OfType<string>())
            {
                Assert.True(tables[table.Table].TryGetValue(stored, out var nullable), $"{table.Table}.{stored} is not created");
                Assert.True(nullable, $"{table.Table}.{stored} is not nullable");
            }
        }
    }

    [Fact]
    public void SchemaScripts_EveryTextColumn_UsesTheBinaryCollation()
    {
        var text = CurrentTables()
            .SelectMany(t => t.Columns.Select(c => (Table: t.Name, Column: c)))
            .Where(c => c.Column.DataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar })
            .ToList();

        Assert.NotEmpty(text);
        Assert.All(text, c => Assert.Equal("Latin1_General_100_BIN2", c.Column.Collation?.Value));
    }

    [Fact]
    public void LoaderAndLookupStatements_SqlServer_ParseWithoutErrors()
    {
        var statements = Loading.DatasetLoader.Statements(SqlServerDialect.Instance)
            .Concat(Tables.Select(t => Query.SqlTranslator.Exists(t, "nobian", SqlServerDialect.Instance).Text))
            .ToList();

        Assert.All(statements, sql => Assert.Empty(Parse(sql).Errors));
        Assert.Contains(statements, s => s.StartsWith("INSERT INTO [reporting].[company] (", StringComparison.Ordinal));
    }

    internal static IEnumerable<TSqlStatement> Statements() =>
        SchemaScripts.For(SqlServerDialect.Instance)
            .Select(s => Parse(s.Text))
            .SelectMany(r => ((TSqlScript)r.Fragment).Batches.SelectMany(b => b.Statements));

    /// <summary>
    /// The tables as the scripts leave them, applied in order, with their columns in order (a table dropped
    /// and created again counts once, as created last; a column added by ALTER TABLE comes after the others).
    /// </summary>
    internal static IReadOnlyList<(string Name, List<ColumnDefinition> Columns)> CurrentTables()
    {
        var tables = new List<(string Name, List<ColumnDefinition> Columns)>();
        foreach (var statement in Statements())
        {
            switch (statement)
            {
                case DropTableStatement drop:
                    tables.RemoveAll(t => drop.Objects.Any(o => o.BaseIdentifier.Value == t.Name));
                    break;
                case CreateTableStatement create:
                    tables.Add((create.SchemaObjectName.BaseIdentifier.Value, [.. create.Definition.ColumnDefinitions]));
                    break;
                case AlterTableAddTableElementStatement alter:
                    tables.Single(t => t.Name == alter.SchemaObjectName.BaseIdentifier.Value).Columns.AddRange(alter.Definition.ColumnDefinitions);
                    break;
            }
        }

        return tables;
    }

    internal static (TSqlFragment Fragment, IList<ParseError> Errors) Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        return (fragment, errors);
    }
}
