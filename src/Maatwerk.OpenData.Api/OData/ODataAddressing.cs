using System.Text;
using System.Text.RegularExpressions;
using Maatwerk.OpenData.Api.Versioning;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// The spellings of a resource path that OData clients build, turned into the documented one before
/// routing, so that both are the same resource (same endpoint, data, context URL and ETag):
/// <list type="bullet">
/// <item>the entity-set name from <c>$metadata</c> for the kebab-case path (<c>/v1/statusChanges</c> is <c>/v1/status-changes</c>);</item>
/// <item>the key in parentheses, plain or named, quotes doubled and percent-encoded as OData allows
/// (<c>companies('nobian')</c> and <c>companies(id='nobian')</c> are <c>companies/nobian</c>);</item>
/// <item>a navigation property's name for its kebab-case segment (<c>companies/nobian/currentPhase</c> is
/// <c>companies/nobian/current-phase</c>).</item>
/// </list>
/// Names come from each version's resources and their navigation registry, so a collection or navigation
/// property added later is addressable in both spellings without more code. Links in a response keep the
/// spelling of the request (<see cref="RequestedPath"/>).
/// </summary>
public static partial class ODataAddressing
{
    private const string RequestedPathKey = "maatwerk.requested-path";

    public static IApplicationBuilder UseODataAddressing(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var versions = ApiVersions.All(app.ApplicationServices);
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (VersionedPaths.IsOData(request.Path) && MayRewrite(request.Path.Value!) && Canonical(request.Path.Value!, versions) is { } canonical && canonical != request.Path.Value)
            {
                context.Items[RequestedPathKey] = request.Path;
                request.Path = new PathString(canonical);
            }

            return next(context);
        });
    }

    /// <summary>The path as the client spelled it, for links that continue its request (next links).</summary>
    public static PathString RequestedPath(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items[RequestedPathKey] is PathString requested ? requested : request.Path;
    }

    /// <summary>The kebab-case form of an EDM name: <c>statusChanges</c> is <c>status-changes</c>.</summary>
    public static string Kebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>The documented spelling of a (decoded) path under a version, or null when it is not a resource path.</summary>
    public static string? Canonical(string path, IReadOnlyList<ApiVersionDefinition> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var match = ResourcePath().Match(path ?? string.Empty);
        if (!match.Success || versions.FirstOrDefault(v => v.Name == match.Groups["version"].Value) is not { } version)
        {
            return null;
        }

        var name = match.Groups["set"].Value;
        var resource = version.Resources.FirstOrDefault(r => r.Path == name) ?? version.Resources.FirstOrDefault(r => r.EntitySet == name);
        if (resource is null)
        {
            return null;
        }

        var segments = new List<string>();
        if (match.Groups["key"].Success)
        {
            // A named key must name the key property; anything else is left for routing to refuse.
            if (match.Groups["name"].Success && match.Groups["name"].Value != resource.Table.Key.Property)
            {
                return null;
            }

            // The path is decoded already (a percent-encoded quote is a quote here); decoding it again would
            // turn '%2500' into a NUL.
            segments.Add(match.Groups["key"].Value.Replace("''", "'", StringComparison.Ordinal));
        }

        var rest = match.Groups["rest"].Value;
        segments.AddRange(rest.Length == 0 ? [] : rest[1..].Split('/'));
        if (segments.Count > 1 && resource.Table.FindNavigation(segments[1]) is { } navigation)
        {
            segments[1] = Kebab(navigation.Property);
        }

        return $"/{version.Name}/{resource.Path}" + string.Concat(segments.Select(s => "/" + s));
    }

    /// <summary>
    /// Whether <see cref="Canonical"/> can give another path: only a key in parentheses or a camel-cased
    /// name (an entity set or navigation property such as <c>statusChanges</c>) is rewritten, so a path
    /// with neither is canonical already and is not parsed.
    /// </summary>
    public static bool MayRewrite(string path) => path.AsSpan().IndexOfAny(RewriteMarks) >= 0;

    private static readonly System.Buffers.SearchValues<char> RewriteMarks = System.Buffers.SearchValues.Create("(ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    // /v1/{set}, /v1/{set}('key'), /v1/{set}(id='key'), each followed by more segments or not.
    [GeneratedRegex(@"^/(?<version>v\d+)/(?<set>[A-Za-z][A-Za-z0-9-]*)(?:\((?:(?<name>[A-Za-z_][A-Za-z0-9_]*)=)?'(?<key>(?:[^']|'')*)'\))?(?<rest>/.*)?$")]
    private static partial Regex ResourcePath();
}
