using System.ComponentModel.DataAnnotations;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>Limits on what one request may ask (configuration section <c>Query</c>).</summary>
public sealed class QueryLimits
{
    public const string Section = "Query";

    /// <summary>Rows per response; more rows come through <c>@odata.nextLink</c>.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

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

    /// <summary>How many relationships one level of <c>$expand</c> may name.</summary>
    [Range(1, 10)]
    public int MaxExpansionBreadth { get; set; } = 3;

    /// <summary>How many transformations (filter, groupby, aggregate) one <c>$apply</c> may chain.</summary>
    [Range(1, 20)]
    public int MaxApplySteps { get; set; } = 5;

    /// <summary>How deep any/all lambdas may nest in <c>$filter</c>.</summary>
    [Range(1, 5)]
    public int MaxAnyAllDepth { get; set; } = 2;
}
