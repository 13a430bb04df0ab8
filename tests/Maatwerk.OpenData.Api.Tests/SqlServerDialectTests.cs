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
        var statements = EmittedStatements.For(path, query, SqlServerDialect.Instance);
        var rows = statements[0].Text;

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
}
