using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// SQL Server is not available here, so every statement the engine emits for the query corpus is
/// rendered in the SQL Server dialect and parsed by ScriptDom (TSql160Parser); any error fails.
/// </summary>
public sealed class SqlServerDialectTests
{
    [Theory]
    [MemberData(nameof(OracleCorpusTests.Corpus), MemberType = typeof(OracleCorpusTests))]
    public void Translate_CorpusQueryForSqlServer_ParsesWithoutErrors(string path, string query)
    {
        Assert.Empty(ParseErrors(path, query));
    }

    /// <summary>
    /// Renders a query (with $count=true, so the count statement is checked too) in the SQL Server
    /// dialect and returns what ScriptDom's TSql160Parser objects to, if anything.
    /// </summary>
    internal static List<string> ParseErrors(string path, string query)
    {
        var resource = V1.Definition.Resources.Single(r => r.Path == path);
        var options = Oracle.Options(resource.ContractType, query.Contains("$count=true", StringComparison.Ordinal) ? query : query + "&$count=true");
        // Parsed by ODataLib ($apply first, for its aliases); the service checks the limits before translating.
        var apply = options.Apply?.ApplyClause;
        var spec = new QuerySpec(resource.Table)
        {
            Filter = options.Filter?.FilterClause,
            OrderBy = options.OrderBy?.OrderByClause,
            SelectExpand = options.SelectExpand?.SelectExpandClause,
            Top = options.Top?.Value,
            Skip = options.Skip?.Value,
            Apply = apply,
            Count = true,
        };

        IEnumerable<SqlStatement> statements;
        string rows;
        if (spec.Apply is null)
        {
            var translated = SqlTranslator.Translate(spec, SqlServerDialect.Instance);
            statements = new[] { translated.Rows, translated.Count! }.Concat(Expansions(translated.Shape));
            rows = translated.Rows.Text;
        }
        else
        {
            var aggregated = SqlTranslator.Aggregate(spec, SqlServerDialect.Instance);
            statements = [aggregated.Rows, aggregated.Count!];
            rows = aggregated.Rows.Text;
        }

        var problems = new List<string>();
        foreach (var statement in statements)
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(statement.Text);
            parser.Parse(reader, out var errors);
            problems.AddRange(errors.Select(e => $"{e.Message} in: {statement.Text}"));
            problems.AddRange(statement.Parameters.Where(p => !statement.Text.Contains(p.Name, StringComparison.Ordinal)).Select(p => $"{p.Name} is bound but not used"));
        }

        if (!rows.Contains("ORDER BY", StringComparison.Ordinal) || !rows.EndsWith("ROWS ONLY", StringComparison.Ordinal))
        {
            problems.Add("the page is not ORDER BY ... OFFSET/FETCH: " + rows);
        }

        return problems;
    }

    private static IEnumerable<SqlStatement> Expansions(RowShape shape) =>
        shape.Expansions.SelectMany(e => Expansions(e.Shape).Prepend(SqlTranslator.Expand(e, ["key-1", "key-2"], SqlServerDialect.Instance).Statement));
}
