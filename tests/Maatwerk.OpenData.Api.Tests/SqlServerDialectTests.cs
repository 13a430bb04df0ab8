using Maatwerk.OpenData.Api.OData;
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
        var resource = V1.Definition.Resources.Single(r => r.Path == path);
        var options = Oracle.Options(resource.ContractType, query.Contains("$count=true", StringComparison.Ordinal) ? query : query + "&$count=true");
        var spec = QuerySpecFactory.Create(options, resource.Table, new QueryLimits());

        var translated = SqlTranslator.Translate(spec, SqlServerDialect.Instance);

        foreach (var statement in new[] { translated.Rows, translated.Count! })
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(statement.Text);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, $"{statement.Text}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => e.Message))}");
            Assert.All(statement.Parameters, p => Assert.Contains(p.Name, statement.Text, StringComparison.Ordinal));
        }

        Assert.Contains("ORDER BY", translated.Rows.Text, StringComparison.Ordinal);
        Assert.EndsWith("ROWS ONLY", translated.Rows.Text, StringComparison.Ordinal);
    }
}
