using System.ComponentModel.DataAnnotations;
using Maatwerk.OpenData.Data;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>Limits on what one request may ask (configuration section <c>Query</c>).</summary>
public sealed class QueryLimits
{
    public const string Section = "Query";

    /// <summary>Rows per response; more rows come through <c>@odata.nextLink</c>.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Rows per response in a download format (CSV): large enough that most results come whole in one
    /// response, bounded so that no anonymous request runs unbounded; more rows come through the
    /// <c>Link: &lt;...&gt;; rel="next"</c> header.
    /// </summary>
    [Range(1, 100_000)]
    public int DownloadPageSize { get; set; } = 10_000;

    /// <summary>The largest <c>$top</c> a client may ask for (over all pages).</summary>
    [Range(1, 1_000_000)]
    public int MaxTop { get; set; } = 10_000;

    /// <summary>The largest <c>$skip</c>.</summary>
    [Range(0, int.MaxValue)]
    public int MaxSkip { get; set; } = 1_000_000;

    /// <summary>The most nodes a <c>$filter</c> or <c>$orderby</c> tree may have.</summary>
    [Range(1, 1000)]
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>How deep <c>$expand</c> may nest (companies → status changes → sources is 2).</summary>
    [Range(1, 5)]
    public int MaxExpansionDepth { get; set; } = 3;

    /// <summary>
    /// How many relationships one level of <c>$expand</c> may name. By default as many as the entity with
    /// the most navigation properties has, so that <c>$expand=*</c> works on every entity.
    /// </summary>
    [Range(1, 10)]
    public int MaxExpansionBreadth { get; set; } = ReportingTables.All.Max(t => t.Navigations.Count);

    /// <summary>How many transformations (filter, groupby, aggregate) one <c>$apply</c> may chain.</summary>
    [Range(1, 20)]
    public int MaxApplySteps { get; set; } = 5;

    /// <summary>How deep any/all lambdas may nest in <c>$filter</c>.</summary>
    [Range(1, 5)]
    public int MaxAnyAllDepth { get; set; } = 2;

    /// <summary>The longest query string, in characters as sent (percent-encoded).</summary>
    [Range(256, 65_536)]
    public int MaxQueryLength { get; set; } = 8_192;

    /// <summary>How many parameter aliases (<c>@name=value</c>) one request may define.</summary>
    [Range(0, 100)]
    public int MaxAliases { get; set; } = 20;

    /// <summary>How deep parameter aliases may refer to other aliases (an alias with no alias in it is 1).</summary>
    [Range(1, 10)]
    public int MaxAliasDepth { get; set; } = 3;

    /// <summary>The longest a query option may become, in characters, once its parameter aliases are substituted.</summary>
    [Range(256, 65_536)]
    public int MaxExpandedLength { get; set; } = 8_192;

    /// <summary>How deep parentheses may nest in one query option, its parameter aliases substituted.</summary>
    [Range(4, 100)]
    public int MaxNestingDepth { get; set; } = 20;

    /// <summary>
    /// How long one request may run, in milliseconds, its database statements included; beyond it the
    /// work is stopped (in the database too) and the answer is 503 with <c>Retry-After</c>.
    /// </summary>
    [Range(10, 600_000)]
    public int RequestBudgetMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// How many expensive queries run at once: queries estimated to read more than <see cref="ExpensiveRows"/>
    /// rows beyond their page (<see cref="Query.Translation.ReadEstimate"/>), classified before they run. Other
    /// requests never wait for them. By default half the processors, at least one.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentExpensiveQueries { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How many expensive queries may wait for a slot (oldest first, within the request's time budget);
    /// beyond it the answer is 503 with <c>Retry-After</c>.
    /// </summary>
    [Range(0, 10_000)]
    public int ExpensiveQueryQueue { get; set; } = 8;

    /// <summary>
    /// A query whose statements are estimated to read more rows than this beyond its page is expensive
    /// (<see cref="Query.Translation.ReadEstimate"/>, weighed with the row counts of the data release being
    /// served): a count, an aggregate or a filter no index serves over a table larger than this, a <c>$skip</c>
    /// past this many rows, related rows read by <c>any</c>/<c>all</c> or by expanding.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ExpensiveRows { get; set; } = 10_000;

    /// <summary>
    /// The most related rows one record may bring into an expanded collection (<c>$expand=statusChanges</c>);
    /// a larger nested <c>$top</c>, or a record with more related rows and no nested <c>$top</c>, is a 400
    /// naming this limit. The navigation path (<c>/v1/companies/{id}/status-changes</c>) pages them instead.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxExpandedPerParent { get; set; } = 1_000;

    /// <summary>
    /// The most rows one response may hold, the records of the page and their expanded records at every
    /// level together; a response that would hold more is a 400 naming this limit.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxResponseRows { get; set; } = 20_000;
}
