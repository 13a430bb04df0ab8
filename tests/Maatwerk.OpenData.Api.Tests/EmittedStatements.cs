using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Every statement the engine sends for one query of the corpus, in a dialect, without running it.</summary>
internal static class EmittedStatements
{
    /// <summary>
    /// The rows statement first, then the count ($count=true is added), one statement per expanded
    /// relationship (for two parent keys), as the store would send them, and last the look-ahead of a
    /// streamed page (the sort keys at the page's end).
    /// </summary>
    public static IReadOnlyList<SqlStatement> For(string path, string query, SqlDialect dialect)
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

        if (spec.Apply is not null)
        {
            var aggregated = SqlTranslator.Aggregate(spec, dialect);
            return [aggregated.Rows, aggregated.Count!];
        }

        var translated = SqlTranslator.Translate(spec, dialect);
        return [translated.Rows, translated.Count!, .. Expansions(translated.Shape, dialect), translated.PageEnd];
    }

    private static IEnumerable<SqlStatement> Expansions(RowShape shape, SqlDialect dialect) =>
        shape.Expansions.SelectMany(e => Expansions(e.Shape, dialect).Prepend(SqlTranslator.Expand(e, ["key-1", "key-2"], dialect).Statement));
}
