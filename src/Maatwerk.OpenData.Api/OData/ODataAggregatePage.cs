using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// A page of grouped and aggregated rows (<c>$apply</c>): each row holds the grouping properties (nested
/// for a related record's property, e.g. <c>{"company": {"sector": "steel"}}</c>) and the aggregates under
/// their aliases.
/// </summary>
/// <param name="Context">The metadata URL describing the rows (OData context URL).</param>
/// <param name="Count">The number of groups over all pages (with <c>$count=true</c>).</param>
/// <param name="Value">The grouped rows of this page.</param>
/// <param name="NextLink">The URL of the next page; absent on the last page.</param>
public sealed record ODataAggregatePage(
    [property: Required, JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("@odata.count")] long? Count,
    [property: Required, JsonPropertyName("value")] IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
