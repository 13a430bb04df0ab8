using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query;

/// <summary>The statements of a <c>$apply</c> request and the columns of its result rows.</summary>
public sealed record AggregateQuery(
    SqlStatement Rows,
    SqlStatement? Count,
    IReadOnlyList<AggregateColumn> Columns,
    PagePlan Page);

/// <summary>
/// One value of an aggregated row: a grouping property (its path, e.g. company/sector) or an
/// aggregate (its alias).
/// </summary>
public sealed record AggregateColumn(IReadOnlyList<string> Path, ColumnKind Kind);
