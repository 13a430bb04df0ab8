using System.Globalization;
using System.Text.Json.Nodes;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.OpenApi;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Dataset;

/// <summary>
/// The dataset as a whole: <c>/dataset</c> (description, licences, counts, coverage, citation) and
/// <c>/dataset/dcat</c> (the same as a DCAT-AP-NL 3.0 JSON-LD record for data.overheid.nl and
/// data.europa.eu, with one distribution per way to get the data).
/// </summary>
public static class DatasetEndpoints
{
    /// <summary>The data licence.</summary>
    public static readonly LicenseReference DataLicense =
        new(DatasetTexts.LicenseId, DatasetTexts.LicenseName, new Uri(DatasetTexts.LicenseUrl));

    /// <summary>The code licence (the repository's <c>LICENSE</c>).</summary>
    public static readonly LicenseReference CodeLicense =
        new("EUPL-1.2", "European Union Public Licence 1.2", new Uri("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"));

    public static readonly LocalizedText Title = new(DatasetTexts.TitleNl, DatasetTexts.TitleEn);

    public static readonly LocalizedText Description = new(DatasetTexts.DescriptionNl, DatasetTexts.DescriptionEn);

    public const string JsonLdMediaType = "application/ld+json";

    public static RouteGroupBuilder MapDatasetEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/dataset").WithTags("Dataset");

        group.MapGet("", GetDataset)
            .WithName(nameof(GetDataset))
            .WithSummary("Describe the dataset")
            .WithDescription("Title and description (Dutch and English), publisher, licences (data CC0 1.0, code EUPL-1.2), the release served, "
                + "rows per table, latest change, temporal coverage, figures no row can show, and a suggested citation (text, BibTeX, CSL-JSON).")
            .Produces<DatasetDescription>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/dcat", GetDatasetDcat)
            .WithName(nameof(GetDatasetDcat))
            .WithSummary("Describe the dataset in DCAT-AP-NL")
            .WithDescription("The dataset and its distributions (JSON API, CSV, ZIP, SQLite, Atom feed) as a DCAT-AP-NL 3.0 (DCAT-AP 3) JSON-LD record, for catalogue harvesting.")
            .Produces<object>(StatusCodes.Status200OK, JsonLdMediaType);

        version.MapDownloadEndpoints();
        version.MapReleaseEndpoints();
        return group;
    }

    public static async Task<IResult> GetDataset(HttpContext context, ReleaseStore releases, ReportingDatabase database, IOptions<OpenApiContact> contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        return TypedResults.Ok(await DescribeAsync(context, releases, database, contact.Value, cancellationToken));
    }

    public static async Task<IResult> GetDatasetDcat(HttpContext context, ReleaseStore releases, ReportingDatabase database, IOptions<OpenApiContact> contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var description = await DescribeAsync(context, releases, database, contact.Value, cancellationToken);
        return TypedResults.Text(Dcat(description, ODataLinks.ServiceRoot(context), ODataLinks.Origin(context), contact.Value).ToJsonString(), JsonLdMediaType);
    }

    private static async Task<DatasetDescription> DescribeAsync(HttpContext context, ReleaseStore releases, ReportingDatabase database, OpenApiContact contact, CancellationToken cancellationToken)
    {
        var (release, citation) = await CiteCurrentAsync(context, releases, contact, cancellationToken);
        var coverage = await DatasetCoverage.ReadAsync(database, cancellationToken);
        var download = Download(context);
        return new DatasetDescription(
            Title,
            Description,
            contact.Name,
            DataLicense,
            CodeLicense,
            new ReleaseReference(release.Version, release.Date, release.ContentHash, download),
            release.Tables.ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal),
            coverage.LatestChange,
            new TemporalCoverage(coverage.From, coverage.To),
            ProgrammeFigures.Current,
            citation);
    }

    /// <summary>
    /// The release being served and its suggested citation, exactly as <c>/dataset</c> gives them (also
    /// written into Excel downloads).
    /// </summary>
    /// <exception cref="InvalidOperationException">No data release is loaded.</exception>
    public static async Task<(DataRelease Release, SuggestedCitation Citation)> CiteCurrentAsync(
        HttpContext context, ReleaseStore releases, OpenApiContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(contact);
        var release = await releases.CurrentAsync(cancellationToken)
            ?? throw new InvalidOperationException("No data release is loaded.");
        return (release, Cite(contact.Name, release, Download(context)));
    }

    private static Uri Download(HttpContext context) => new(ODataLinks.ServiceRoot(context) + "download");

    /// <summary>The suggested citation of a release.</summary>
    public static SuggestedCitation Cite(string publisher, DataRelease release, Uri url)
    {
        ArgumentNullException.ThrowIfNull(release);
        var title = Title.En;
        var year = release.Date.Year.ToString(CultureInfo.InvariantCulture);
        var key = "maatwerk_" + release.Version.Replace('.', '_');
        return new SuggestedCitation(
            $"{publisher} ({year}). {title} (Version {release.Version}) [Data set]. {url}",
            $$"""
            @misc{{{key}},
              author = {{{publisher}}},
              title = {{{title}}},
              year = {{{year}}},
              version = {{{release.Version}}},
              publisher = {{{publisher}}},
              url = {{{url}}},
              note = {Data set, CC0 1.0}
            }
            """,
            new CslItem(key, "dataset", title, [new CslName(publisher)], publisher,
                new CslDate([[release.Date.Year, release.Date.Month, release.Date.Day]]), release.Version, url));
    }

    /// <summary>The DCAT-AP-NL 3.0 JSON-LD record of the dataset and its distributions.</summary>
    public static JsonObject Dcat(DatasetDescription dataset, string serviceRoot, string origin, OpenApiContact contact)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(contact);
        const string FileType = "http://publications.europa.eu/resource/authority/file-type/";
        JsonArray Texts(LocalizedText text) =>
        [
            new JsonObject { ["@language"] = "nl", ["@value"] = text.Nl },
            new JsonObject { ["@language"] = "en", ["@value"] = text.En },
        ];
        JsonObject Id(string iri) => new() { ["@id"] = iri };
        JsonObject Distribution(string name, string access, string? download, string mediaType, string? format)
        {
            var distribution = new JsonObject
            {
                ["@id"] = serviceRoot + "dataset#" + name,
                ["@type"] = "dcat:Distribution",
                ["dct:title"] = name,
                ["dcat:accessURL"] = Id(access),
                ["dcat:mediaType"] = Id("https://www.iana.org/assignments/media-types/" + mediaType),
                ["dct:license"] = Id(dataset.License.Url.ToString()),
                ["dct:rights"] = Id(dataset.License.Url.ToString()),
            };
            if (download is not null)
            {
                distribution["dcat:downloadURL"] = Id(download);
            }

            if (format is not null)
            {
                distribution["dct:format"] = Id(FileType + format);
            }

            return distribution;
        }

        var temporal = new JsonObject { ["@type"] = "dct:PeriodOfTime" };
        if (dataset.TemporalCoverage.From is { } from)
        {
            temporal["dcat:startDate"] = new JsonObject { ["@value"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["@type"] = "xsd:date" };
        }

        if (dataset.TemporalCoverage.To is { } to)
        {
            temporal["dcat:endDate"] = new JsonObject { ["@value"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["@type"] = "xsd:date" };
        }

        var release = dataset.CurrentRelease;
        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = serviceRoot + "dataset",
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = serviceRoot + "dataset",
            ["dct:title"] = Texts(dataset.Title),
            ["dct:description"] = Texts(dataset.Description),
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = dataset.Publisher },
            ["dct:creator"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = dataset.Publisher },
            ["dcat:contactPoint"] = new JsonObject
            {
                ["@type"] = "vcard:Organization",
                ["vcard:fn"] = contact.Name,
                ["vcard:hasEmail"] = Id("mailto:" + contact.Email),
                ["vcard:hasURL"] = Id(contact.Url.ToString()),
            },
            ["dcat:theme"] = new JsonArray(Id("http://publications.europa.eu/resource/authority/data-theme/ENVI"), Id("http://publications.europa.eu/resource/authority/data-theme/ECON")),
            ["dcat:keyword"] = new JsonArray("maatwerkaanpak", "verduurzaming industrie", "industrial decarbonisation", "CO2", "emissions"),
            ["dct:language"] = new JsonArray(Id("http://publications.europa.eu/resource/authority/language/ENG"), Id("http://publications.europa.eu/resource/authority/language/NLD")),
            ["dct:spatial"] = Id("http://publications.europa.eu/resource/authority/country/NLD"),
            ["dct:temporal"] = temporal,
            ["dct:accessRights"] = Id("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            ["dct:license"] = Id(dataset.License.Url.ToString()),
            ["dct:modified"] = new JsonObject { ["@value"] = release.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["@type"] = "xsd:date" },
            ["dcat:version"] = release.Version,
            ["dcat:landingPage"] = Id(origin + "/"),
            ["dcat:distribution"] = new JsonArray(
                Distribution("JSON API (OData v4)", serviceRoot, null, "application/json", "JSON"),
                Distribution("CSV per collection", serviceRoot + "status-changes?$format=csv", null, "text/csv", "CSV"),
                Distribution("ZIP: one CSV per table and a Frictionless data package", release.Download.ToString(), release.Download.ToString(), "application/zip", "ZIP"),
                Distribution("SQLite database", serviceRoot + "download/database", serviceRoot + "download/database", "application/vnd.sqlite3", null),
                Distribution("Atom change feed", origin + "/feed.atom", null, "application/atom+xml", "ATOM")),
        };
    }
}
