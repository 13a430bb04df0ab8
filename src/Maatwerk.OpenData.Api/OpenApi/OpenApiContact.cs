namespace Maatwerk.OpenData.Api.OpenApi;

/// <summary>
/// Who answers questions about the API (configuration section <c>OpenApi:Contact</c>), published in every
/// OpenAPI document. The defaults are placeholders under example.org: set the publisher's own before
/// the service goes public (the committed documents then change with it).
/// </summary>
public sealed class OpenApiContact
{
    public const string Section = "OpenApi:Contact";

    public string Name { get; set; } = "Maatwerk Open Data API";

    public string Email { get; set; } = "opendata@example.org";

    public Uri Url { get; set; } = new("https://example.org/maatwerk-open-data");
}
