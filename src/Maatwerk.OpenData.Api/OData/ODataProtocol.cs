using System.Globalization;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// The OData protocol headers of a request (OData 4.01, Protocol, Conformance): every OData response
/// says its version (OData-Version: 4.01 to a client whose OData-MaxVersion allows it, else 4.0; the JSON
/// is valid in both); a request that allows only versions below 4.0 (OData-MaxVersion), states a
/// version this service does not speak (OData-Version), asks for snapshot isolation across requests
/// (Isolation / OData-Isolation) is refused with a problem that says why. Which format a response is
/// in (Accept, $format) is decided by <see cref="Formats.ResponseFormats"/>.
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
            Refuse(request);
            await next(context);
        });

    // Throws what the one exception handler turns into a problem.
    private static void Refuse(HttpRequest request)
    {
        if (Header(request, "OData-MaxVersion") is { } max && (!TryVersion(max, out var maxVersion) || maxVersion < 4.0m))
        {
            throw new ProtocolHeaderException($"OData-MaxVersion: {max} cannot be served; this service speaks OData 4.0 (and 4.01 options).");
        }

        if (Header(request, "OData-Version") is { } version && (!TryVersion(version, out var stated) || stated is not (4.0m or 4.01m)))
        {
            throw new ProtocolHeaderException($"OData-Version: {version} is not a version this service speaks; use 4.0 or 4.01.");
        }

        // Snapshot isolation would need the same data across requests; a new data release may replace it.
        if ((Header(request, "Isolation") ?? Header(request, "OData-Isolation")) is { } isolation)
        {
            throw new IsolationNotSupportedException(
                $"Isolation: {isolation} cannot be honoured; this service does not keep snapshots across requests. Send the request without it.");
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static bool TryVersion(string text, out decimal version) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out version);
}

/// <summary>An OData protocol header (OData-MaxVersion, OData-Version) that cannot be honoured (HTTP 400).</summary>
public sealed class ProtocolHeaderException(string message) : Exception(message);

/// <summary>Snapshot isolation was asked for, which this service does not offer (HTTP 412).</summary>
public sealed class IsolationNotSupportedException(string message) : Exception(message);
