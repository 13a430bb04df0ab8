using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// One page of a collection: the rows in <c>value</c>, the total in <c>@odata.count</c> when asked for with
/// <c>$count=true</c>, and <c>@odata.nextLink</c> when more rows follow.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="Context">The metadata URL describing the rows (OData context URL).</param>
/// <param name="Count">The number of rows matching <c>$filter</c> over all pages (with <c>$count=true</c>).</param>
/// <param name="Value">The rows of this page.</param>
/// <param name="NextLink">The URL of the next page; absent on the last page.</param>
public sealed record ODataPage<T>(
    [property: Required, JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("@odata.count")] long? Count,
    [property: Required, JsonPropertyName("value")] IReadOnlyList<T> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
