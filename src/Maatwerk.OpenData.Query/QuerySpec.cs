using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query;

/// <summary>
/// What a client asked for, already parsed and validated against the EDM: the input of
/// <see cref="SqlTranslator"/>. The clauses are the trees produced by ODataLib's URI parser.
/// </summary>
public sealed record QuerySpec(EntityMap Entity)
{
    public FilterClause? Filter { get; init; }

    public OrderByClause? OrderBy { get; init; }

    public SelectExpandClause? SelectExpand { get; init; }

    /// <summary>The <c>$apply</c> transformations (filter, groupby, aggregate), if any.</summary>
    public Microsoft.OData.UriParser.Aggregation.ApplyClause? Apply { get; init; }

    /// <summary>The client's <c>$top</c>, if any.</summary>
    public long? Top { get; init; }

    /// <summary>The client's <c>$skip</c>, if any.</summary>
    public long? Skip { get; init; }

    /// <summary>The <c>$skiptoken</c> of a next link: the page starts after the row it names.</summary>
    public string? SkipToken { get; init; }

    /// <summary>Whether the client asked for <c>$count=true</c>.</summary>
    public bool Count { get; init; }

    /// <summary>Fixed conditions set by the route, not by the client (e.g. a company's status changes).</summary>
    public IReadOnlyList<ScopeCondition> Scope { get; init; } = [];

    /// <summary>For a resource with <see cref="EntityMap.Validity"/>: the day whose rows are read (required there).</summary>
    public DateOnly? OnDate { get; init; }

    /// <summary>
    /// The parent row a navigation path starts from (<c>companies('nobian')/statusChanges</c>): only the rows
    /// related to it are read.
    /// </summary>
    public NavigationScope? Through { get; init; }

    /// <summary>The most rows one response may hold (server-driven paging).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>
    /// Whether the query's cost grows with the table rather than with the page (a filter no index serves,
    /// <c>$apply</c>, a deep <c>$skip</c>, nested expansions), as classified before it runs; such queries
    /// share a small number of concurrent slots.
    /// </summary>
    public bool Expensive { get; init; }

    /// <summary>
    /// The most related rows one parent may bring into an expanded collection without a <c>$top</c> of its
    /// own; a parent with more is refused (<see cref="InvalidQueryException"/>, naming the limit).
    /// </summary>
    public int MaxExpandedPerParent { get; init; } = int.MaxValue;

    /// <summary>The most rows one response may hold, expanded rows at every level included; beyond it the query is refused.</summary>
    public int MaxResponseRows { get; init; } = int.MaxValue;
}

/// <summary>A route-given equality condition: <paramref name="Property"/> equals <paramref name="Value"/>.</summary>
public sealed record ScopeCondition(string Property, object Value);

/// <summary>
/// The rows reached from one row of <paramref name="Parent"/> (the one with key <paramref name="ParentKey"/>)
/// over <paramref name="Navigation"/>: a condition in SQL, never a filter over loaded rows.
/// </summary>
public sealed record NavigationScope(EntityMap Parent, NavigationMap Navigation, string ParentKey);
