using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maatwerk.OpenData.Api.Dataset;

/// <summary>
/// The whole current release in one go: <c>/download</c> (ZIP: one CSV per table and a Frictionless
/// <c>datapackage.json</c>, streamed from the database) and <c>/download/database</c> (the embedded
/// SQLite database as a file).
/// </summary>
public static class DownloadEndpoints
{
    public static RouteGroupBuilder MapDownloadEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/download").WithTags("Dataset");

        group.MapGet("", GetDownload)
            .WithName(nameof(GetDownload))
            .WithSummary("Download the dataset")
            .WithDescription("The current release as a ZIP: one CSV per table (RFC 4180, UTF-8, header row of property names, empty field for null) "
                + "and datapackage.json, a Frictionless Tabular Data Package descriptor with a Table Schema per file (types, enums, primary and foreign keys, licence, sources, version).")
            .Produces(StatusCodes.Status200OK, contentType: BulkDownload.MediaType);

        group.MapGet("/database", GetDatabaseFile)
            .WithName(nameof(GetDatabaseFile))
            .WithSummary("Download the SQLite database")
            .WithDescription("The SQLite database of the current release as one file, ready for sqlite3, Datasette, R or pandas; the same bytes as /releases/{version}/database. "
                + "404 when the release was loaded before release files were kept.")
            .Produces(StatusCodes.Status200OK, contentType: DatabaseFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static async Task GetDownload(HttpContext context, ReleaseStore releases, ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(releases);
        var release = await releases.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("No data release is loaded.");
        if (!await ReleaseEndpoints.ServeAsync(context, releases, release.Version, ReleaseArchive.Zip, immutable: false, cancellationToken))
        {
            await StreamArchiveAsync(context, release, database, cancellationToken);
        }
    }

    // A release loaded before its files were stored: the same bytes, written from the database as they are read.
    private static async Task StreamArchiveAsync(HttpContext context, DataRelease release, ReportingDatabase database, CancellationToken cancellationToken)
    {
        context.Response.ContentType = BulkDownload.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{ReleaseEndpoints.FileName(release.Version, ReleaseArchive.Zip)}\"";

        // ZipArchive flushes the end of each entry's deflate stream with a synchronous write (a few KiB per
        // entry, also in .NET 10); everything else is written asynchronously.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        await BulkDownload.WriteAsync(database, release, context.Response.Body, cancellationToken);
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> GetDatabaseFile(HttpContext context, ReleaseStore releases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var release = await releases.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("No data release is loaded.");
        return await ReleaseEndpoints.ServeAsync(
            context, releases, release.Version, ReleaseArchive.Sqlite, immutable: false, cancellationToken)
            ? TypedResults.Empty
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"The SQLite file of release {release.Version} is not stored: the release was loaded before release files were kept. Load it again with the deployment tool, or use /v1/download.");
    }
}
