using Maatwerk.OpenData.Data;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// Writes query results in one format (OData JSON, CSV, ...). The negotiated <see cref="ResponseFormat"/>
/// names the writer; links (context URL, next link) come from <see cref="OData.ODataLinks"/>.
/// A writer sets the status and the Content-Type (<see cref="ResponseFormat.ContentType"/>) and writes
/// the body; it is only asked for the payload kinds its <see cref="FormatDefinition"/> serves.
/// </summary>
public interface IResultWriter
{
    /// <summary>A page of a collection: the rows, the count when asked for, and the link to the next page.</summary>
    Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet);

    /// <summary>A page of grouped and aggregated rows (<c>$apply</c>).</summary>
    Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet);

    /// <summary>One entity: <paramref name="page"/> holds exactly one row.</summary>
    Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet);

    /// <summary>One property of one entity: <paramref name="page"/> holds one row of one column.</summary>
    Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id);
}
