using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// Reads the pages' data through the API's own query engine: an <see cref="ApiQuery"/> is parsed
/// against the version's EDM model by ODataLib, translated to SQL by the same translator and run by
/// the same <see cref="ReportingStore"/> as the request it links to. There is no second data path.
/// </summary>
public sealed class SiteData(ReportingStore store, IEnumerable<ApiVersionDefinition> versions)
{
    // Pages read at most this many rows of one collection, following the API's own paging.
    private const int MaxPages = 10;

    private readonly ApiVersionDefinition version = versions.Single(v => v.Name == "v1");

    /// <summary>The v1 resource with this entity set name.</summary>
    public ResourceDefinition Resource(string entitySet) => version.Resource(entitySet);

    /// <summary>The v1 function with this name.</summary>
    public FunctionDefinition Function(string name) => version.Functions.Single(f => f.Name == name);

    /// <summary>Every record the query answers (following next links, up to 1,000 rows).</summary>
    public async Task<IReadOnlyList<SiteRecord>> ReadAsync(ApiQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var spec = Spec(query);
        var records = new List<SiteRecord>();
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await store.QueryAsync(spec, cancellationToken);
            records.AddRange(result.Rows.Select(r => SiteRecord.From(result.Shape, r)));
            if (!result.HasNext || spec.Top is not null)
            {
                break;
            }

            spec = spec with { SkipToken = result.NextToken() };
        }

        return records;
    }

    /// <summary>Whether a record with this id exists.</summary>
    public Task<bool> ExistsAsync(Query.Model.EntityMap table, string id, CancellationToken cancellationToken) => store.ExistsAsync(table, id, cancellationToken);

    /// <summary>The rows of a <c>$apply</c> query, keyed by the grouping paths (<c>company/sector</c>) and aggregate aliases.</summary>
    public async Task<IReadOnlyList<SiteRecord>> AggregateAsync(ApiQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await store.AggregateAsync(Spec(query), cancellationToken);
        return page.Rows
            .Select(row => new SiteRecord(page.Columns.Select((c, i) => KeyValuePair.Create(string.Join('/', c.Path), row[i])).ToDictionary()))
            .ToList();
    }

    private QuerySpec Spec(ApiQuery query)
    {
        var model = version.Model;

        // A function's rows (companiesOnDate) have an entity type but no entity set.
        var set = model.EntityContainer.FindEntitySet(query.Table.EntitySet);
        var type = model.FindDeclaredType($"{OData.EdmModelFactory.Namespace}.{query.ContractType.Name}");
        var options = query.Options.Where(o => o.Key != "$format").ToDictionary(o => o.Key, o => o.Value);
        var parser = new ODataQueryOptionParser(model, type, set, options);
        return new QuerySpec(query.Table)
        {
            OnDate = query.OnDate,
            Filter = parser.ParseFilter(),
            OrderBy = parser.ParseOrderBy(),
            SelectExpand = parser.ParseSelectAndExpand(),
            Apply = parser.ParseApply(),
            Top = parser.ParseTop(),
            Count = parser.ParseCount() == true,
            Scope = query.Scope,
        };
    }
}

/// <summary>One record as a page sees it: property values by name, and the records of expanded relationships.</summary>
public sealed class SiteRecord(IReadOnlyDictionary<string, object?> values)
{
    private readonly Dictionary<string, IReadOnlyList<SiteRecord>> expanded = new(StringComparer.Ordinal);

    /// <summary>The value of a property (null when empty or not selected).</summary>
    public object? this[string property] => values.GetValueOrDefault(property);

    /// <summary>A property as text (null when empty).</summary>
    public string? Text(string property) => this[property] switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    /// <summary>A whole-number property (counts, years).</summary>
    public long Number(string property) => Convert.ToInt64(this[property], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A list of strings held as a JSON array (e.g. <c>sourceIds</c>).</summary>
    public IReadOnlyList<string> Strings(string property) => this[property] is string json
        ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? []
        : [];

    /// <summary>A list of objects held as a JSON array (e.g. <c>sites</c>): each object's properties as text.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Objects(string property) => this[property] is string json
        ? System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string?>>>(json) ?? []
        : [];

    /// <summary>The records of an expanded relationship (empty when not expanded).</summary>
    public IReadOnlyList<SiteRecord> Related(string navigation) => expanded.GetValueOrDefault(navigation) ?? [];

    /// <summary>The record of an expanded single-valued relationship (null when absent or not expanded).</summary>
    public SiteRecord? RelatedOne(string navigation) => Related(navigation) is [var first, ..] ? first : null;

    internal static SiteRecord From(RowShape shape, ResultRow row)
    {
        var record = new SiteRecord(shape.Columns.Select((c, i) => KeyValuePair.Create(c.Property, row.Values[i])).ToDictionary());
        foreach (var (expansion, children) in row.Expanded)
        {
            record.expanded[expansion.Navigation.Property] = children.Rows.Select(r => From(expansion.Shape, r)).ToList();
        }

        return record;
    }
}
