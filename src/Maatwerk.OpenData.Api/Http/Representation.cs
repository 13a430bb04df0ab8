using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query;
using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// What identifies the response to a request without producing it: the normalised request
/// (<see cref="Key"/>) and, with the data release and the build, its entity tag (<see cref="ETag"/>).
/// The output cache keys on the one, <c>If-None-Match</c> is compared with the other, so a conditional
/// request and a repeated one are answered before any query runs.
/// </summary>
public static class Representation
{
    private const string KeyItem = "maatwerk.representation-key";
    private const string ETagItem = "maatwerk.representation-etag";

    /// <summary>The version of this build (its informational version), part of every ETag: a new build may write other bytes.</summary>
    public static string BuildVersion { get; } =
        typeof(Representation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned";

    /// <summary>
    /// The normalised request, one line per part: the path after <see cref="ODataAddressing"/>; the query
    /// options decoded, in a canonical order (by name, ignoring case; options of the same name keep their
    /// order) and encoded again; the negotiated format (<see cref="ResponseFormat.ContentType"/>, with the
    /// byte order mark choice), not the raw <c>Accept</c>; the <c>Prefer</c> preferences, trimmed, names in
    /// lower case, sorted; the OData version of the response (from <c>OData-MaxVersion</c>); the error
    /// format; and the origin of the response's links (<see cref="PublicLinks"/>), never an arbitrary Host.
    /// Computed once per request.
    /// </summary>
    public static string Key(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[KeyItem] is string known)
        {
            return known;
        }

        var request = context.Request;
        var format = context.Features.Get<IResponseFormatFeature>()?.Format;
        var key = string.Join('\n',
            request.Path.Value,
            CanonicalQuery(request.QueryString.Value),
            format is null ? "-" : format.ContentType + (format.ByteOrderMark ? "; bom=true" : string.Empty),
            Preferences(request),
            ODataProtocol.ResponseVersion(request),
            ErrorFormat.IsODataClient(request) ? "odata-error" : "problem",
            context.PublicOrigin());
        context.Items[KeyItem] = key;
        return key;
    }

    /// <summary>
    /// The weak entity tag of the response to this request in <paramref name="release"/>:
    /// <c>W/"</c>16 hex digits of SHA-256 over the release's content hash, <see cref="BuildVersion"/> and
    /// <see cref="Key"/><c>"</c>. The same for GET and HEAD and for every request with the same key.
    /// Computed once per request.
    /// </summary>
    public static string ETag(HttpContext context, DataRelease? release)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[ETagItem] is string known)
        {
            return known;
        }

        var text = string.Join('\n', release?.ContentHash ?? "none", BuildVersion, Key(context));
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}\"";
        context.Items[ETagItem] = etag;
        return etag;
    }

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, RFC 9110 13.1.2) or is <c>*</c>.</summary>
    public static bool IsNotModified(HttpRequest request, string etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));
    }

    /// <summary>
    /// The query options decoded, in canonical order, encoded again (empty for none): <c>b=2&amp;a=1</c> is <c>a=1&amp;b=2</c>. Names
    /// are compared ignoring case, as the request's query collection does, and options of one name keep their order.
    /// </summary>
    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        if (CanonicalQueries.TryGetValue(query, out var known))
        {
            return known;
        }

        var canonical = Canonicalize(query);
        if (query.Length <= 2048)
        {
            CanonicalQueries.Remember(query, canonical);
        }

        return canonical;
    }

    // Query strings seen again (a dashboard polling, a cache hit) are not split and sorted again: up to
    // 4,096 of them at a time, of up to 2 KiB each, are remembered (the memo starts again when full).
    private static readonly BoundedMemo<string, string> CanonicalQueries = new(4_096, StringComparer.Ordinal);

    private static string Canonicalize(string query)
    {
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Decode(p[0]), Value: p.Length == 2 ? Decode(p[1]) : null))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase);
        return string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Name) + (p.Value is null ? string.Empty : "=" + Uri.EscapeDataString(p.Value))));
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Preferences(HttpRequest request) => request.Headers["Prefer"].Count == 0 ? string.Empty :
        string.Join(',', request.Headers["Prefer"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(p => p[0].ToLowerInvariant() + (p.Length == 2 ? "=" + p[1] : string.Empty))
            .Order(StringComparer.Ordinal));
}
