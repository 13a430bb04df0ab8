using System.Text;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// The format one response is written in, negotiated once per request from <c>$format</c> or
/// <c>Accept</c> (see <see cref="ResponseFormats.Negotiate"/>) and kept on the request
/// (<see cref="ResponseFormatFeature"/>). Every endpoint and writer asks this one value.
/// </summary>
/// <param name="Definition">The registered format chosen.</param>
/// <param name="Metadata">For OData JSON: the metadata level (<c>odata.metadata</c>).</param>
/// <param name="Ieee754Compatible">For OData JSON: whether Edm.Int64 and Edm.Decimal values and counts are written as strings.</param>
/// <param name="Streaming">For OData JSON: the <c>odata.streaming</c> parameter (control information comes first either way).</param>
public sealed record ResponseFormat(FormatDefinition Definition, MetadataLevel Metadata, bool Ieee754Compatible, bool Streaming)
{
    /// <summary>For a download format (CSV): whether the body starts with a UTF-8 byte order mark (<c>bom=true</c>), which Excel needs to read UTF-8.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>The media type without parameters, e.g. <c>application/json</c>.</summary>
    public string MediaType => Definition.MediaType;

    /// <summary>Whether this is OData JSON, where the metadata level and IEEE754Compatible apply.</summary>
    public bool IsODataJson => Definition.ODataJson;

    /// <summary>The writer of query results in this format.</summary>
    /// <exception cref="InvalidOperationException">The format has no result writer (e.g. the metadata document's).</exception>
    public IResultWriter Writer => Definition.Writer
        ?? throw new InvalidOperationException($"{Definition.MediaType} has no writer of query results.");

    /// <summary>
    /// The response Content-Type with every parameter the client must know, e.g.
    /// <c>application/json; odata.metadata=minimal; odata.streaming=true</c>. Also the one value a cache keys on.
    /// </summary>
    public string ContentType => Build(Definition, Metadata, Ieee754Compatible, Streaming);

    private static string Build(FormatDefinition definition, MetadataLevel metadata, bool ieee754Compatible, bool streaming)
    {
        var text = new StringBuilder(definition.MediaType);
        if (definition.ODataJson)
        {
            text.Append("; odata.metadata=").Append(metadata.ToString().ToLowerInvariant())
                .Append("; odata.streaming=").Append(streaming ? "true" : "false");
            if (ieee754Compatible)
            {
                text.Append("; IEEE754Compatible=true");
            }
        }

        if (definition.Charset is { } charset)
        {
            text.Append("; charset=").Append(charset);
        }

        return text.ToString();
    }
}
