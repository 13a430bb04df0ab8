using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// The OData protocol headers of a request (OData 4.01, Protocol, Conformance): every OData response
/// says its version (OData-Version: 4.01 to a client whose OData-MaxVersion allows it, else 4.0; the JSON
/// is valid in both); a request that allows only versions below 4.0 (OData-MaxVersion), states a
/// version this service does not speak (OData-Version), asks for snapshot isolation across requests
/// (Isolation / OData-Isolation), or accepts only a format it cannot produce (Accept) is refused with a
/// problem that says why.
/// </summary>
public static class ODataProtocol
{
    public const string Version = "4.0";

    public const string Version401 = "4.01";

    /// <summary>The OData version a response to this request is in.</summary>
    public static string ResponseVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Header(request, "OData-MaxVersion") is { } max && TryVersion(max, out var allowed) && allowed >= 4.01m ? Version401 : Version;
    }

    public static IApplicationBuilder UseODataProtocol(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!Versioning.VersionedPaths.IsOData(request.Path))
            {
                await next(context);
                return;
            }

            // Set as the response starts, so that it survives an error handler clearing the response.
            var version = ResponseVersion(request);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["OData-Version"] = version;
                return Task.CompletedTask;
            });
            var problem = Refusal(request);
            if (problem is not null)
            {
                context.Response.StatusCode = problem.Value.Status;
                context.Items[RefusalKey] = problem.Value.Detail;
                return;
            }

            await next(context);
        });

    /// <summary>The key under which a refused request records why (for the problem detail).</summary>
    public const string RefusalKey = "maatwerk.odata-refusal";

    private static (int Status, string Detail)? Refusal(HttpRequest request)
    {
        if (Header(request, "OData-MaxVersion") is { } max && (!TryVersion(max, out var maxVersion) || maxVersion < 4.0m))
        {
            return (StatusCodes.Status400BadRequest, $"OData-MaxVersion: {max} cannot be served; this service speaks OData 4.0 (and 4.01 options).");
        }

        if (Header(request, "OData-Version") is { } version && (!TryVersion(version, out var stated) || stated is not (4.0m or 4.01m)))
        {
            return (StatusCodes.Status400BadRequest, $"OData-Version: {version} is not a version this service speaks; use 4.0 or 4.01.");
        }

        // Snapshot isolation would need the same data across requests; a new data release may replace it.
        if ((Header(request, "Isolation") ?? Header(request, "OData-Isolation")) is { } isolation)
        {
            return (StatusCodes.Status412PreconditionFailed,
                $"Isolation: {isolation} cannot be honoured; this service does not keep snapshots across requests. Send the request without it.");
        }

        var accept = request.GetTypedHeaders().Accept;
        var metadata = request.Path.Value?.EndsWith("/$metadata", StringComparison.Ordinal) == true;
        var hasFormat = request.Query.Keys.Any(k => k.TrimStart('$').Equals("format", StringComparison.OrdinalIgnoreCase));
        if (accept.Count > 0 && !hasFormat && !accept.Any(a => Acceptable(a, metadata)))
        {
            return (StatusCodes.Status406NotAcceptable,
                $"Accept: {request.Headers.Accept} cannot be served; this service answers in application/json (OData minimal metadata){(metadata ? " and, for $metadata, application/xml" : string.Empty)}.");
        }

        return null;
    }

    private static bool Acceptable(MediaTypeHeaderValue range, bool metadata)
    {
        if (range.Quality == 0)
        {
            return false;
        }

        if (range.MatchesAllTypes || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (metadata && range.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!range.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Full metadata (type and link annotations) is not produced; minimal and none are.
        var level = range.Parameters.FirstOrDefault(p => p.Name.Equals("odata.metadata", StringComparison.OrdinalIgnoreCase)
            || p.Name.Equals("metadata", StringComparison.OrdinalIgnoreCase))?.Value.Value;
        return level is null || !level.Equals("full", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static bool TryVersion(string text, out decimal version) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out version);
}
