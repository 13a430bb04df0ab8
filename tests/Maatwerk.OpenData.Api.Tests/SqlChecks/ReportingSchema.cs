using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// The <c>reporting</c> schema as the SQL Server migration scripts leave it, read with ScriptDom: every
/// table (with the columns later scripts add to it) and view with its columns and (for tables, and for
/// view columns with a CAST) their SQL type.
/// </summary>
internal sealed class ReportingSchema
{
    public static readonly ReportingSchema SqlServer = new(SchemaScripts.For(SqlServerDialect.Instance).Select(s => s.Text));

    private ReportingSchema(IEnumerable<string> scripts)
    {
        // DbUp's migration journal, which DbUp creates itself (SchemaScripts.JournalTable).
        Objects["schema_version"] = new(StringComparer.Ordinal) { ["Id"] = "int", ["ScriptName"] = "nvarchar(255)", ["Applied"] = "datetime2" };
        Statements = scripts.SelectMany(s => TSql.Statements(s)).ToList();
        foreach (var statement in Statements)
        {
            switch (statement)
            {
                case CreateTableStatement table:
                    Objects[table.SchemaObjectName.BaseIdentifier.Value] = table.Definition.ColumnDefinitions
                        .ToDictionary(c => c.ColumnIdentifier.Value, c => (string?)TSql.TypeName(c.DataType), StringComparer.Ordinal);
                    break;
                case AlterTableAddTableElementStatement alter:
                    foreach (var column in alter.Definition.ColumnDefinitions)
                    {
                        Objects[alter.SchemaObjectName.BaseIdentifier.Value][column.ColumnIdentifier.Value] = TSql.TypeName(column.DataType);
                    }

                    break;
                case DropTableStatement drop:
                    foreach (var name in drop.Objects)
                    {
                        Objects.Remove(name.BaseIdentifier.Value);
                    }

                    break;
                case CreateViewStatement view:
                    Objects[view.SchemaObjectName.BaseIdentifier.Value] = TSql.OutputColumns(view.SelectStatement.QueryExpression)
                        .ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
                    break;
            }
        }
    }

    /// <summary>Every statement of every script, in order.</summary>
    public IReadOnlyList<TSqlStatement> Statements { get; }

    /// <summary>Table or view name (without schema) to its columns and their types (null when not declared).</summary>
    public Dictionary<string, Dictionary<string, string?>> Objects { get; } = new(StringComparer.Ordinal);
}

/// <summary>ScriptDom helpers shared by the checks.</summary>
internal static class TSql
{
    public static IEnumerable<TSqlStatement> Statements(string sql) =>
        ((TSqlScript)Parse(sql, out _)).Batches.SelectMany(b => b.Statements);

    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>A type as written in DDL, lower case: <c>nvarchar(100)</c>, <c>decimal(19,4)</c>, <c>date</c>.</summary>
    public static string TypeName(DataTypeReference type)
    {
        var name = type.Name.BaseIdentifier.Value.ToLowerInvariant();
        return type is ParameterizedDataTypeReference { Parameters.Count: > 0 } p
            ? $"{name}({string.Join(",", p.Parameters.Select(x => x.Value.ToLowerInvariant()))})"
            : name;
    }

    /// <summary>The columns a query returns: each select element's alias or column name, and its type when it is a CAST.</summary>
    public static IEnumerable<(string Name, string? Type)> OutputColumns(QueryExpression query)
    {
        while (query is BinaryQueryExpression binary)
        {
            query = binary.FirstQueryExpression;
        }

        while (query is QueryParenthesisExpression parenthesis)
        {
            query = parenthesis.QueryExpression;
        }

        if (query is not QuerySpecification specification)
        {
            yield break;
        }

        foreach (var element in specification.SelectElements.OfType<SelectScalarExpression>())
        {
            var name = element.ColumnName?.Value
                ?? (element.Expression as ColumnReferenceExpression)?.MultiPartIdentifier?.Identifiers[^1].Value;
            if (name is not null)
            {
                yield return (name, element.Expression is CastCall cast ? TypeName(cast.DataType) : null);
            }
        }
    }
}
