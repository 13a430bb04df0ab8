using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Translation;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Checks a request's OData query options against the limits and turns them into a <see cref="QuerySpec"/>.
/// Parsing and EDM validation are ODataLib's; what we cannot do is refused before any SQL is built.
/// </summary>
public static class QuerySpecFactory
{
    private const AllowedQueryOptions Supported =
        AllowedQueryOptions.Filter | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip
        | AllowedQueryOptions.Count | AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Format
        | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Apply;

    public static QuerySpec Create(ODataQueryOptions options, EntityMap table, QueryLimits limits, params ScopeCondition[] scope)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        RejectUnknown(options.Request.Query.Keys);
        RejectUnsupported(options.RawValues);

        Validate(options, new ODataValidationSettings
        {
            AllowedQueryOptions = Supported,
            MaxTop = limits.MaxTop,
            MaxSkip = limits.MaxSkip,
            // Every node takes at least one character of the query once its aliases are substituted, so the
            // text limits bound the tree; its cost is limited below, where a list of values counts once.
            MaxNodeCount = Math.Max(limits.MaxQueryLength, limits.MaxExpandedLength),
            MaxAnyAllExpressionDepth = limits.MaxAnyAllDepth,
            MaxExpansionDepth = limits.MaxExpansionDepth,
            MaxOrderByNodeCount = 10,
        });

        // $apply first: $orderby may name its aliases.
        var apply = options.Apply?.ApplyClause;
        if (apply?.Transformations.Count() > limits.MaxApplySteps)
        {
            throw new InvalidQueryException(
                $"The $apply step limit of {limits.MaxApplySteps} has been exceeded ({apply.Transformations.Count()} transformations).");
        }

        var selectExpand = options.SelectExpand?.SelectExpandClause;
        CheckExpansionBreadth(selectExpand, limits.MaxExpansionBreadth);
        CheckCost(options.Filter?.FilterClause, limits.MaxNodeCount);
        CheckExpansionCost(selectExpand, limits.MaxNodeCount);
        CheckExpansionTop(selectExpand, limits.MaxExpandedPerParent);
        return new QuerySpec(table)
        {
            MaxExpandedPerParent = limits.MaxExpandedPerParent,
            MaxResponseRows = limits.MaxResponseRows,
            Filter = options.Filter?.FilterClause,
            OrderBy = options.OrderBy?.OrderByClause,
            SelectExpand = selectExpand,
            Top = options.Top?.Value,
            Skip = options.Skip?.Value,
            SkipToken = options.RawValues.SkipToken,
            Apply = apply,
            Count = options.Count?.Value == true,
            Scope = scope,
            PageSize = PageSize(options.Request, options.Request.HttpContext.GetResponseFormat().Definition.Download ? limits.DownloadPageSize : limits.PageSize),
        };
    }

    /// <summary>
    /// Marks the query expensive when its statements are estimated to read more than
    /// <see cref="QueryLimits.ExpensiveRows"/> rows beyond its page (<see cref="ReadEstimate"/>, weighed with the
    /// row counts of the data release being served; <paramref name="countsAll"/> for <c>/$count</c>). Expensive
    /// queries share the slots of <see cref="ExpensiveQueryGate"/>. Classify the spec as it will run, with its
    /// route scope and the relationship it is reached through.
    /// </summary>
    public static QuerySpec Classify(QuerySpec spec, TableSizes sizes, QueryLimits limits, bool countsAll = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        return spec with { Expensive = ReadEstimate.Rows(spec, sizes, countsAll) > limits.ExpensiveRows };
    }

    /// <summary>The system query options OData defines; other '$' names are typing errors, not custom options.</summary>
    internal static readonly HashSet<string> SystemQueryOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$orderby", "$top", "$skip", "$count", "$select", "$expand", "$format", "$apply", "$search",
        "$compute", "$skiptoken", "$deltatoken", "$levels", "$index", "$schemaversion", "$id",
    };

    // ODataLib's binder fails on some malformed $select/$expand trees with a cast or argument error
    // instead of an ODataException (e.g. $select=id($select=), options nested in a primitive property).
    private static void Validate(ODataQueryOptions options, ODataValidationSettings settings)
    {
        try
        {
            options.Validate(settings);
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException)
        {
            throw new InvalidQueryException($"The query cannot be read: {e.Message} Check $select and $expand: options in parentheses belong to relationships and to sites only.");
        }
    }

    /// <summary>Whether a name (with '$', any case) is one of OData's system query options.</summary>
    public static bool IsSystemQueryOption(string name) => SystemQueryOptions.Contains(name);

    private static void RejectUnknown(IEnumerable<string> names)
    {
        var unknown = names.FirstOrDefault(n => n.StartsWith('$') && !SystemQueryOptions.Contains(n));
        if (unknown is not null)
        {
            throw new InvalidQueryException(
                $"The query option {unknown} does not exist. Supported: $filter, $orderby, $top, $skip, $count, $select, $expand, $apply, $format, $skiptoken.");
        }
    }

    // Prefer: odata.maxpagesize=n (or maxpagesize=n, OData 4.01) asks for smaller pages, never larger ones.
    private static int PageSize(HttpRequest request, int limit)
    {
        foreach (var preference in request.Headers["Prefer"].SelectMany(v => (v ?? string.Empty).Split(',')))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts is [var name, var value]
                && (name.Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) || name.Equals("maxpagesize", StringComparison.OrdinalIgnoreCase))
                && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0)
            {
                var applied = Math.Min(size, limit);
                request.HttpContext.Response.Headers["Preference-Applied"] = $"{name}={applied.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                return applied;
            }
        }

        return limit;
    }

    private static void CheckCost(FilterClause? filter, int limit)
    {
        if (filter is not null && FilterCost.Of(filter.Expression) is var cost && cost > limit)
        {
            throw new InvalidQueryException(
                $"The node count limit of '{limit}' has been exceeded in $filter (it counts {cost}). A list of values on one property, "
                + "in ('a','b',...) or eq 'a' or eq 'b' ..., counts as one comparison.");
        }
    }

    private static void CheckExpansionCost(SelectExpandClause? clause, int limit)
    {
        foreach (var expansion in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            CheckCost(expansion.FilterOption, limit);
            CheckExpansionCost(expansion.SelectAndExpand, limit);
        }
    }

    private static void CheckExpansionTop(SelectExpandClause? clause, int limit)
    {
        foreach (var expansion in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            if (expansion.TopOption > limit)
            {
                throw new InvalidQueryException(
                    $"The $expand limit of {limit} related rows per record has been exceeded ($top={expansion.TopOption} in {expansion.PathToNavigationProperty.LastSegment.Identifier}). "
                    + "Ask for fewer, or page through the relationship's own path (/v1/companies/{id}/status-changes).");
            }

            CheckExpansionTop(expansion.SelectAndExpand, limit);
        }
    }

    private static void CheckExpansionBreadth(SelectExpandClause? clause, int limit)
    {
        var expansions = clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>().ToList() ?? [];
        if (expansions.Count > limit)
        {
            throw new InvalidQueryException($"The $expand breadth limit of {limit} relationships per level has been exceeded ({expansions.Count}).");
        }

        foreach (var expansion in expansions)
        {
            CheckExpansionBreadth(expansion.SelectAndExpand, limit);
        }
    }

    private static void RejectUnsupported(ODataRawQueryOptions raw)
    {
        var unsupported = new (string Name, string? Value)[]
        {
            ("$search", raw.Search), ("$compute", raw.Compute),
            ("$deltatoken", raw.DeltaToken),
        }.FirstOrDefault(o => o.Value is not null);
        if (unsupported.Name is not null)
        {
            throw new UnsupportedQueryException($"The query option {unsupported.Name} is not supported yet.");
        }

        if (raw.Apply is not null && (raw.Filter ?? raw.Select ?? raw.Expand ?? raw.SkipToken) is not null)
        {
            throw new UnsupportedQueryException("$apply combines with $orderby, $top, $skip and $count here; filter inside $apply with filter(...).");
        }
    }
}
