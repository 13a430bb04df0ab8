using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// The two forms of an error body, chosen by content negotiation: RFC 9457 problem details
/// (<c>application/problem+json</c>) for people, browsers and ADR tools, and the OData JSON error object
/// (<c>{"error": {"code", "message", ...}}</c>, OData JSON Format 4.01, section 21) for OData client
/// libraries, which cannot read anything else. Both carry the same status, stable code and message.
/// </summary>
public static class ErrorFormat
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Whether the request comes from an OData client that gets the OData error object: it does not
    /// accept <c>application/problem+json</c>, and it sends <c>OData-MaxVersion</c> or <c>OData-Version</c>,
    /// or accepts JSON with an OData parameter (<c>odata.metadata</c>, <c>IEEE754Compatible</c>, ...).
    /// Any other request (a browser, curl, an ADR tool) gets problem details.
    /// </summary>
    public static bool IsODataClient(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accept = MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var parsed) ? parsed : [];
        if (accept.Any(a => a.Quality != 0 && a.MediaType.Equals(ProblemJson, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return !string.IsNullOrWhiteSpace(request.Headers["OData-MaxVersion"])
            || !string.IsNullOrWhiteSpace(request.Headers["OData-Version"])
            || accept.Any(a => a.Quality != 0 && a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && a.Parameters.Any(IsODataParameter));
    }

    private static bool IsODataParameter(NameValueHeaderValue parameter) =>
        parameter.Name.StartsWith("odata.", StringComparison.OrdinalIgnoreCase)
        || parameter.Name.Equals("metadata", StringComparison.OrdinalIgnoreCase)
        || parameter.Name.Equals("streaming", StringComparison.OrdinalIgnoreCase)
        || parameter.Name.Equals("IEEE754Compatible", StringComparison.OrdinalIgnoreCase);
}
