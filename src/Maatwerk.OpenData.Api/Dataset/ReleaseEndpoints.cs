using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maatwerk.OpenData.Api.Dataset;

/// <summary>
/// The data releases this database has loaded (<c>/releases</c>) and the immutable downloads of a
/// release by its version (<c>/releases/{version}/download</c> and <c>/releases/{version}/database</c>):
/// strong ETag (the release's content hash), <c>Cache-Control: public, max-age=31536000, immutable</c>,
/// and the same bytes on every fetch, so a paper can cite one.
/// </summary>
public static class ReleaseEndpoints
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/releases").WithTags("Dataset");

        group.MapGet("", ListReleases)
            .WithName(nameof(ListReleases))
            .WithSummary("List data releases")
            .WithDescription("Every release loaded into this database, the most recent first: version, date, content hash, when it was loaded, whether it is served, "
                + "and per table the rows and the rows added, changed and removed against the release before it.");

        group.MapGet("/{version}/download", GetReleaseDownload)
            .WithName(nameof(GetReleaseDownload))
            .WithSummary("Download one release")
            .WithDescription("The ZIP of one release (as /download), immutable: strong ETag, cacheable for a year, byte-identical on every fetch. "
                + "404 for an unknown version, or one whose data this server no longer holds.")
            .Produces(StatusCodes.Status200OK, contentType: BulkDownload.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{version}/database", GetReleaseDatabase)
            .WithName(nameof(GetReleaseDatabase))
            .WithSummary("Download one release's SQLite database")
            .WithDescription("The embedded SQLite database of one release (as /download/database), immutable like the ZIP.")
            .Produces(StatusCodes.Status200OK, contentType: DatabaseFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static async Task<Ok<ReleaseList>> ListReleases(HttpContext context, ReleaseStore releases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var root = ODataLinks.ServiceRoot(context);
        var all = await releases.ListAsync(cancellationToken);
        return TypedResults.Ok(new ReleaseList(all.Select(r => new ReleaseEntry(
            r.Version, r.Date, r.ContentHash, r.LoadedAt, r.IsCurrent, r.Tables,
            r.IsCurrent ? new Uri($"{root}releases/{r.Version}/download") : null)).ToList()));
    }

    /// <summary>The ZIP of one release.</summary>
    /// <param name="version" example="2026.03.1">The release version, <c>yyyy.mm.n</c>, as listed by /releases.</param>
    /// <param name="context">The request.</param>
    /// <param name="releases">The release record.</param>
    /// <param name="database">The reporting database.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> GetReleaseDownload(
        string version, HttpContext context, ReleaseStore releases, ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var release = await ServedAsync(version, releases, cancellationToken);
        if (release is null)
        {
            return NotHeld(version);
        }

        if (!Immutable(context, release, "zip"))
        {
            await DownloadEndpoints.WriteArchiveAsync(context, release, database, cancellationToken);
        }

        return TypedResults.Empty;
    }

    /// <summary>The SQLite database of one release.</summary>
    /// <param name="version" example="2026.03.1">The release version, <c>yyyy.mm.n</c>, as listed by /releases.</param>
    /// <param name="context">The request.</param>
    /// <param name="releases">The release record.</param>
    /// <param name="database">The reporting database.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static async Task<Results<PhysicalFileHttpResult, EmptyHttpResult, ProblemHttpResult>> GetReleaseDatabase(
        string version, HttpContext context, ReleaseStore releases, ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var release = await ServedAsync(version, releases, cancellationToken);
        var path = release is null ? null
            : await DatabaseFile.SnapshotAsync(database, release.ContentHash, cancellationToken);
        if (release is null || path is null)
        {
            return NotHeld(version);
        }

        return Immutable(context, release, "sqlite")
            ? TypedResults.Empty
            : TypedResults.PhysicalFile(path, DatabaseFile.MediaType, $"maatwerk-{release.Version}.sqlite");
    }

    // Only the served release's data is in the database; the bytes of its downloads follow from that data.
    private static async Task<DataRelease?> ServedAsync(string version, ReleaseStore releases, CancellationToken cancellationToken) =>
        await releases.CurrentAsync(cancellationToken) is { } current && current.Version == version ? current : null;

    private static ProblemHttpResult NotHeld(string version) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"Release '{version}' is not the one this server holds; /v1/releases lists the releases and links the download that is available.");

    // Sets the immutable caching headers; true when the client already has these bytes (304).
    private static bool Immutable(HttpContext context, DataRelease release, string kind)
    {
        var etag = $"\"{release.ContentHash}-{kind}\"";
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = ImmutableCacheControl;
        if (context.Request.Headers.IfNoneMatch.Any(v => v?.Split(',').Any(t => t.Trim() == etag) == true))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        return false;
    }
}

/// <summary>The releases this database has loaded, the most recent first.</summary>
/// <param name="Value">The releases.</param>
public sealed record ReleaseList(IReadOnlyList<ReleaseEntry> Value);

/// <summary>A loaded data release.</summary>
/// <param name="Version">Release version, <c>yyyy.mm.n</c>.</param>
/// <param name="Date">The date the release was cut.</param>
/// <param name="ContentHash">SHA-256 of the release's data files, 64 hex digits.</param>
/// <param name="LoadedAt">When it was loaded into this database (UTC).</param>
/// <param name="IsCurrent">Whether it is the release being served.</param>
/// <param name="Tables">Per table: rows, and rows added, changed and removed against the release before it.</param>
/// <param name="Download">The immutable ZIP of this release, while this server holds its data; null otherwise.</param>
public sealed record ReleaseEntry(
    string Version,
    DateOnly Date,
    string ContentHash,
    DateTimeOffset LoadedAt,
    bool IsCurrent,
    IReadOnlyList<DataReleaseTable> Tables,
    Uri? Download);
