using System.Reflection;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>
/// The contract changelog (<c>openapi/CHANGELOG.md</c>, embedded at build time) at <c>/changelog</c>:
/// where the <c>Deprecation</c> header of a deprecated version points.
/// </summary>
public static class ChangelogEndpoint
{
    public const string Path = "/changelog";

    private static readonly Lazy<byte[]> Changelog = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CHANGELOG.md")
            ?? throw new InvalidOperationException("CHANGELOG.md is not embedded in the API assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapChangelog(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetChangelog)
            .WithName(nameof(GetChangelog))
            .ExcludeFromDescription();
        return app;
    }

    public static IResult GetChangelog() => TypedResults.Bytes(Changelog.Value, "text/markdown; charset=utf-8");
}
