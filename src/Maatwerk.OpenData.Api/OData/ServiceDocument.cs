using System.Text.Json.Serialization;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>The OData service document: the collections of this version and where they are.</summary>
/// <param name="Context">The metadata document URL; absent with <c>odata.metadata=none</c>.</param>
/// <param name="Value">One entry per collection.</param>
public sealed record ServiceDocument(
    [property: JsonPropertyName("@odata.context"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Context,
    [property: JsonPropertyName("value")] IReadOnlyList<ServiceDocumentEntry> Value);

/// <summary>A collection listed in the service document.</summary>
/// <param name="Name">The EDM entity set name (camelCase), as used in <c>$metadata</c>.</param>
/// <param name="Kind">Always <c>EntitySet</c>.</param>
/// <param name="Url">The collection's path relative to the service root (kebab-case).</param>
public sealed record ServiceDocumentEntry(string Name, string Kind, string Url);
