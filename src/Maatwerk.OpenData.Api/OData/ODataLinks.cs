using System.Globalization;
using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Builds every absolute link of a response, whatever its format: the service root, context URLs
/// (OData JSON Format, section 10), next-page links and entity ids. Writers ask here; none builds a URL itself.
/// </summary>
public static class ODataLinks
{
    /// <summary>The absolute base URL of the version the request is for, ending with a slash (<c>http://host/v1/</c>).</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not part of an API version group.</exception>
    public static string ServiceRoot(HttpContext context) => $"{Origin(context)}/{Version(context).Name}/";

    /// <summary>The API version whose endpoint answers the request.</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not part of an API version group.</exception>
    public static ApiVersionDefinition Version(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionDefinition>()
            ?? throw new InvalidOperationException("The endpoint is not part of an API version group.");
    }

    /// <summary>
    /// The scheme, host and path base every absolute link starts with, without a trailing slash: the
    /// configured public base URL or an allowed host, never an arbitrary Host header (<see cref="PublicLinks"/>).
    /// </summary>
    public static string Origin(HttpContext context) => context.PublicOrigin();

    /// <summary>The metadata document's URL: <c>http://host/v1/$metadata</c>.</summary>
    public static string Metadata(HttpContext context) => ServiceRoot(context) + "$metadata";

    /// <summary>
    /// The context URL of rows of <paramref name="entitySet"/> in <paramref name="shape"/>: selected
    /// properties and expanded relationships listed, nested (<c>$metadata#companies(id,statusChanges())</c>),
    /// with <c>/$entity</c> for a single entity.
    /// </summary>
    public static string Context(HttpContext context, string entitySet, RowShape shape, bool entity)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return $"{Metadata(context)}#{entitySet}{SelectList(shape)}{(entity ? "/$entity" : string.Empty)}";
    }

    /// <summary>The context URL of one property of one entity: <c>$metadata#companies('nobian')/name</c>.</summary>
    public static string PropertyContext(HttpContext context, string entitySet, string id, string property) =>
        $"{Metadata(context)}#{entitySet}({Key(id)})/{property}";

    /// <summary>The context URL of grouped rows: <c>$metadata#agreedReductions(phaseId,total)</c>.</summary>
    public static string AggregateContext(HttpContext context, string entitySet, IEnumerable<string> properties) =>
        $"{Metadata(context)}#{entitySet}({string.Join(",", properties)})";

    /// <summary>
    /// The next page of a collection: the request's URL with its options, the page's <c>$skiptoken</c>
    /// (keyset paging: after this page's last row) and what remains of <c>$top</c>.
    /// </summary>
    public static string NextLink(HttpContext context, QueryPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return NextLink(context, page.Page, page.NextToken());
    }

    /// <summary>The next page of a collection, after the page planned as <paramref name="page"/>, from its <c>$skiptoken</c>.</summary>
    public static string NextLink(HttpContext context, PagePlan page, string skipToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (_, top) = page.Next();
        return Continue(context, [("$skiptoken", skipToken), .. Top(top)], "skip", "top", "skiptoken");
    }

    /// <summary>The request's own URL: its path and every query option, on the public origin (never an unchecked Host).</summary>
    public static string Self(HttpContext context) => Continue(context, []);

    /// <summary>The next page of grouped rows, which are few: the request's URL with the next <c>$skip</c>.</summary>
    public static string SkipLink(HttpContext context, PagePlan page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (skip, top) = page.Next();
        return Continue(context, [("$skip", skip.ToString(CultureInfo.InvariantCulture)), .. Top(top)], "skip", "top");
    }

    /// <summary>The entity id (<c>@odata.id</c>): its canonical URL, <c>http://host/v1/companies('nobian')</c>.</summary>
    public static string EntityId(HttpContext context, string entitySet, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return $"{ServiceRoot(context)}{entitySet}('{Uri.EscapeDataString(id.Replace("'", "''", StringComparison.Ordinal)).Replace("%27", "'", StringComparison.Ordinal)}')";
    }

    /// <summary>Where an entity is read (<c>@odata.readLink</c>): its documented path, <c>http://host/v1/status-changes/nobian-2024-12-19</c>.</summary>
    public static string ReadLink(HttpContext context, string entitySet, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return $"{ServiceRoot(context)}{Version(context).Resource(entitySet).Path}/{Uri.EscapeDataString(id)}";
    }

    /// <summary>An OData key literal: the id in single quotes, quotes doubled.</summary>
    public static string Key(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return $"'{id.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    private static (string, string)[] Top(long? top) =>
        top is { } remaining ? [("$top", remaining.ToString(CultureInfo.InvariantCulture))] : [];

    // The request's own path and options, without the paging ones replaced by 'added'.
    private static string Continue(HttpContext context, IEnumerable<(string Name, string Value)> added, params string[] replaced)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !replaced.Any(name => IsOption(p.Key, name)))
            .SelectMany(p => p.Value, (p, v) => (Name: p.Key, Value: v ?? string.Empty))
            .Concat(added)
            .ToList();
        var options = query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(p => $"{Escape(p.Name)}={Escape(p.Value)}"));
        return $"{Origin(context)}{ODataAddressing.RequestedPath(request)}{options}";
    }

    private static bool IsOption(string key, string name) =>
        key.TrimStart('$').Equals(name, StringComparison.OrdinalIgnoreCase);

    // '$' and ',' stay readable in links; everything else is escaped as in any query string.
    private static string Escape(string value) =>
        Uri.EscapeDataString(value).Replace("%24", "$", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal);

    private static string SelectList(RowShape shape)
    {
        if (shape.AllSelected && shape.Expansions.Count == 0)
        {
            return string.Empty;
        }

        var items = (shape.AllSelected ? [] : shape.Columns.Select(c => Selected(shape, c)))
            .Concat(shape.Expansions.Select(e => e.Navigation.Property + (SelectList(e.Shape) is { Length: > 0 } nested ? nested : "()")));
        return "(" + string.Join(",", items) + ")";
    }

    // A complex collection with some of its members selected: sites(municipality,province).
    private static string Selected(RowShape shape, ColumnMap column) =>
        column.Children is { } children && shape.Entity.Find(column.Property)?.Children?.Fields.Count != children.Fields.Count
            ? $"{column.Property}({string.Join(",", children.Fields.Select(f => f.Name))})"
            : column.Property;
}
