namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// A format the service can answer in, registered once with
/// <see cref="ResponseFormatSetup.AddResponseFormat"/>: how a client asks for it (<c>$format</c> token,
/// media type in <c>Accept</c>), which payloads it serves, and the writer of query results.
/// </summary>
/// <param name="Token">The short <c>$format</c> value, e.g. <c>json</c>, <c>xml</c>, <c>csv</c>.</param>
/// <param name="MediaType">The media type, e.g. <c>application/json</c>; also accepted as <c>$format</c> value.</param>
/// <param name="Serves">The payload kinds it can represent.</param>
/// <param name="Writer">Writes query results (collections, entities, properties); null for formats an endpoint writes itself ($metadata, raw values).</param>
public sealed record FormatDefinition(string Token, string MediaType, PayloadKind Serves, IResultWriter? Writer)
{
    /// <summary>Whether the OData JSON parameters (<c>odata.metadata</c>, <c>odata.streaming</c>, <c>IEEE754Compatible</c>) apply.</summary>
    public bool ODataJson { get; init; }

    /// <summary>The charset named in the Content-Type, for text formats (JSON is always UTF-8 and names none).</summary>
    public string? Charset { get; init; }

    /// <summary>Further media types in <c>Accept</c> that select this format, after every exact match.</summary>
    /// <remarks>OData clients send their JSON Accept header with every request, <c>/$count</c> included.</remarks>
    public IReadOnlyList<string> AlsoAccepted { get; init; } = [];

    /// <summary>
    /// Whether this is a file format for spreadsheets and scripts (CSV, Excel): its pages hold up to
    /// <see cref="OData.QueryLimits.DownloadPageSize"/> rows rather than <see cref="OData.QueryLimits.PageSize"/>,
    /// so that most results come whole in one response.
    /// </summary>
    public bool Download { get; init; }

    /// <summary>Whether a <c>bom=true</c> parameter asks for a UTF-8 byte order mark (text download formats: CSV).</summary>
    public bool ByteOrderMarkOption { get; init; }
}
