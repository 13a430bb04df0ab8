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
            .WithDescription("The embedded SQLite database of the current release as one file, ready for sqlite3, Datasette, R or pandas. 404 when the service reads SQL Server.")
            .Produces(StatusCodes.Status200OK, contentType: DatabaseFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static async Task GetDownload(HttpContext context, ReleaseStore releases, ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(releases);
        var release = await releases.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("No data release is loaded.");
        await WriteArchiveAsync(context, release, database, cancellationToken);
    }

    /// <summary>Streams the archive of a release as the response.</summary>
    internal static async Task WriteArchiveAsync(HttpContext context, DataRelease release, ReportingDatabase database, CancellationToken cancellationToken)
    {
        context.Response.ContentType = BulkDownload.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"maatwerk-{release.Version}.zip\"";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        // ZipArchive flushes the end of each entry's deflate stream with a synchronous write (a few KiB per
        // entry, also in .NET 10); everything else is written asynchronously.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        var info = new DataPackageInfo(
            DatasetEndpoints.Title.En, DatasetEndpoints.Description.En,
            DatasetEndpoints.DataLicense.Id, DatasetEndpoints.DataLicense.Name, DatasetEndpoints.DataLicense.Url,
            new Uri(ODataLinks.ServiceRoot(context)));
        await BulkDownload.WriteAsync(database, release, info, context.Response.Body, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetDatabaseFile(ReleaseStore releases, ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var release = await releases.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("No data release is loaded.");
        var path = await DatabaseFile.SnapshotAsync(database, release.ContentHash, cancellationToken);
        return path is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "The SQLite database is offered when the service reads its embedded database; this one reads SQL Server. Use /v1/download.")
            : TypedResults.PhysicalFile(path, DatabaseFile.MediaType, $"maatwerk-{release.Version}.sqlite");
    }
}
