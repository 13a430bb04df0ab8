using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maatwerk.OpenData.Api.Dataset;

/// <summary>
/// The data releases this database has loaded (<c>/releases</c>) and the immutable downloads of a
/// release by its version (<c>/releases/{version}/download</c> and <c>/releases/{version}/database</c>):
/// stored when the release was loaded (<see cref="ReleaseArchive"/>), strong ETag (the SHA-256 of the bytes), <c>Cache-Control: public, max-age=31536000, immutable</c>,
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
            .WithDescription("The ZIP of one release (as /download was when it was current), stored when it was loaded and immutable: strong ETag (the SHA-256 of the bytes), "
                + "cacheable for a year, byte-identical on every fetch. 404 for an unknown version, or one loaded before files were stored.")
            .Produces(StatusCodes.Status200OK, contentType: BulkDownload.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{version}/database", GetReleaseDatabase)
            .WithName(nameof(GetReleaseDatabase))
            .WithSummary("Download one release's SQLite database")
            .WithDescription("The SQLite database file of one release (as /download/database was when it was current), stored when it was loaded, immutable like the ZIP.")
            .Produces(StatusCodes.Status200OK, contentType: DatabaseFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static async Task<Ok<ReleaseList>> ListReleases(HttpContext context, ReleaseStore releases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var root = ODataLinks.ServiceRoot(context);
        var all = await releases.ListAsync(cancellationToken);
        var zips = await releases.ArchivedVersionsAsync(ReleaseArchive.Zip, cancellationToken);
        var databases = await releases.ArchivedVersionsAsync(ReleaseArchive.Sqlite, cancellationToken);
        return TypedResults.Ok(new ReleaseList(all.Select(r => new ReleaseEntry(
            r.Version, r.Date, r.ContentHash, r.LoadedAt, r.IsCurrent, r.Tables,
            zips.Contains(r.Version) ? new Uri($"{root}releases/{r.Version}/download") : null,
            databases.Contains(r.Version) ? new Uri($"{root}releases/{r.Version}/database") : null)).ToList()));
    }

    /// <summary>The ZIP of one release.</summary>
    /// <param name="version" example="2026.03.1">The release version, <c>yyyy.mm.n</c>, as listed by /releases.</param>
    /// <param name="context">The request.</param>
    /// <param name="releases">The release record and its stored files.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> GetReleaseDownload(
        string version, HttpContext context, ReleaseStore releases, CancellationToken cancellationToken) =>
        await ServeAsync(context, releases, version, ReleaseArchive.Zip, immutable: true, cancellationToken)
            ? TypedResults.Empty
            : NotHeld(version);

    /// <summary>The SQLite database of one release.</summary>
    /// <param name="version" example="2026.03.1">The release version, <c>yyyy.mm.n</c>, as listed by /releases.</param>
    /// <param name="context">The request.</param>
    /// <param name="releases">The release record and its stored files.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> GetReleaseDatabase(
        string version, HttpContext context, ReleaseStore releases, CancellationToken cancellationToken) =>
        await ServeAsync(context, releases, version, ReleaseArchive.Sqlite, immutable: true, cancellationToken)
            ? TypedResults.Empty
            : NotHeld(version);

    /// <summary>
    /// Sends a stored file of a release as the response, streamed from the database, with its length and
    /// with <paramref name="immutable"/> a strong ETag (the SHA-256 of its bytes) and a year's immutable
    /// caching, and 304 for a matching <c>If-None-Match</c>. False when the file is not stored.
    /// </summary>
    internal static async Task<bool> ServeAsync(
        HttpContext context, ReleaseStore releases, string version, string kind, bool immutable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(releases);
        if (await releases.FindArchivedAsync(version, kind, cancellationToken) is not { } file)
        {
            return false;
        }

        var response = context.Response;
        if (immutable)
        {
            // Otherwise the service's caching headers apply, as to any response about the current release.
            var etag = $"\"{file.Sha256}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = ImmutableCacheControl;
            if (Representation.IsNotModified(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return true;
            }
        }

        response.ContentType = kind == ReleaseArchive.Zip ? BulkDownload.MediaType : DatabaseFile.MediaType;
        response.ContentLength = file.Length;
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(version, kind)}\"";

        // HEAD arrives here as GET (HttpConventions.UseHeadAsGet): the bytes are counted, not sent.
        await releases.CopyArchivedAsync(version, kind, response.Body, cancellationToken);
        return true;
    }

    /// <summary>The file name a release's stored file is saved under: <c>maatwerk-2026.03.1.zip</c> or <c>maatwerk-2026.03.1.sqlite</c>.</summary>
    internal static string FileName(string version, string kind) => $"maatwerk-{version}.{(kind == ReleaseArchive.Zip ? "zip" : "sqlite")}";

    private static ProblemHttpResult NotHeld(string version) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"This server holds no files of release '{version}'; /v1/releases lists the releases and links the downloads that are available.");
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
/// <param name="Download">The immutable ZIP of this release, stored when it was loaded; null for a release loaded before files were stored.</param>
/// <param name="Database">The immutable SQLite database file of this release, stored when it was loaded; null for a release loaded before files were stored.</param>
public sealed record ReleaseEntry(
    string Version,
    DateOnly Date,
    string ContentHash,
    DateTimeOffset LoadedAt,
    bool IsCurrent,
    IReadOnlyList<DataReleaseTable> Tables,
    Uri? Download,
    Uri? Database);
