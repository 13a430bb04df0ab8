using System.Text.Json.Serialization;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// The OData JSON envelope of a collection response, as written by <see cref="ODataJsonWriter"/>.
/// This type describes the contract (OpenAPI); the writer produces the same shape directly.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed record ODataPage<T>(
    [property: JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("@odata.count")] long? Count,
    [property: JsonPropertyName("value")] IReadOnlyList<T> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
