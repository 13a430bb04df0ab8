using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// A question a page asks of the API, written as the API request that answers it: the page reads
/// its data by running this request through the API's query engine and links to the same request,
/// so a reader can check every number against the API.
/// </summary>
/// <param name="Table">The allow-list of the rows read, e.g. status changes.</param>
/// <param name="ContractType">The contract type of the rows, whose EDM type the options are parsed against.</param>
/// <param name="Path">The path under the version, e.g. <c>companies/nobian/status-changes</c>.</param>
/// <param name="Options">The OData query options, e.g. <c>$orderby</c> and <c>$filter</c>, unencoded.</param>
public sealed record ApiQuery(EntityMap Table, Type ContractType, string Path, IReadOnlyList<KeyValuePair<string, string>> Options)
{
    /// <summary>Route-given conditions, such as the company of <c>companies/nobian/status-changes</c>.</summary>
    public IReadOnlyList<ScopeCondition> Scope { get; init; } = [];

    /// <summary>For a function read for one day (<c>companiesOnDate(date=...)</c>): that day.</summary>
    public DateOnly? OnDate { get; init; }

    /// <summary>A query of a whole collection.</summary>
    public static ApiQuery Of(ResourceDefinition resource, params (string Name, string Value)[] options) =>
        At(resource, resource.Path, options);

    /// <summary>A query of a resource's rows at a path (a collection, one record, or a record's children).</summary>
    public static ApiQuery At(ResourceDefinition resource, string path, params (string Name, string Value)[] options)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new(resource.Table, resource.ContractType, path, [.. options.Select(o => KeyValuePair.Create(o.Name, o.Value))]);
    }

    /// <summary>The same query with another option (or a changed one).</summary>
    public ApiQuery With(string name, string value) =>
        this with { Options = [.. Options.Where(o => o.Key != name), KeyValuePair.Create(name, value)] };

    /// <summary>The relative URL of this request in the given API version.</summary>
    public string Href(string version = "v1") =>
        $"/{version}/{Path}" + (Options.Count == 0 ? string.Empty : "?" + string.Join("&", Options.Select(o => o.Key + "=" + Encode(o.Value))));

    /// <summary>
    /// The same request answered as CSV (<c>$format=csv</c>). CSV has one row per record, so expansions
    /// of collection-valued navigation properties (e.g. <c>sources</c>, which CSV refuses with a 400) are
    /// left out; the records' own <c>sourceIds</c> column still names their sources.
    /// </summary>
    public string CsvHref(string version = "v1") => WithoutCollectionExpansions().With("$format", "csv").Href(version);

    private ApiQuery WithoutCollectionExpansions()
    {
        var expand = Options.FirstOrDefault(o => o.Key == "$expand").Value;
        if (expand is null)
        {
            return this;
        }

        var kept = TopLevelItems(expand).Where(item => Table.Navigations
            .FirstOrDefault(n => n.Property == item.Split('(', 2)[0].Trim()) is not { IsCollection: true }).ToList();
        var rest = this with { Options = [.. Options.Where(o => o.Key != "$expand")] };
        return kept.Count == 0 ? rest : rest.With("$expand", string.Join(",", kept));
    }

    // The comma-separated items of an option, leaving commas inside parentheses (nested options) alone.
    private static IEnumerable<string> TopLevelItems(string value)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            depth += value[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (value[i] == ',' && depth == 0)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }

    // Readable links: only what a URL cannot hold is escaped, so a reader sees the query as written.
    private static string Encode(string value) =>
        string.Concat(value.Select(c => c switch
        {
            ' ' => "%20",
            '&' => "%26",
            '#' => "%23",
            '+' => "%2B",
            '%' => "%25",
            '"' => "%22",
            '<' => "%3C",
            '>' => "%3E",
            _ => c.ToString(),
        }));
}
