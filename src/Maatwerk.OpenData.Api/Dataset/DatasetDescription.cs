using Maatwerk.OpenData.Data.Catalogue;

namespace Maatwerk.OpenData.Api.Dataset;

/// <summary>
/// What the dataset is, who publishes it under which licence, which release is served, how many records
/// each table holds, the period it covers, figures no row can show, and how to cite it.
/// </summary>
/// <param name="Title">The dataset's title in Dutch and English.</param>
/// <param name="Description">What the dataset holds, in Dutch and English.</param>
/// <param name="Publisher">Who publishes the dataset (the API's configured contact).</param>
/// <param name="License">The licence of the data: CC0 1.0 (a citation is requested, not required).</param>
/// <param name="SoftwareLicense">The licence of the code that serves it: EUPL-1.2.</param>
/// <param name="CurrentRelease">The data release being served.</param>
/// <param name="Records">Rows per table of the current release (reporting table names, e.g. <c>status_change</c>).</param>
/// <param name="LatestChange">The date of the most recent status change, at its precision (e.g. <c>2025-07</c>).</param>
/// <param name="TemporalCoverage">The first and last day the status changes and programme events cover.</param>
/// <param name="ProgrammeFigures">Figures the sources state but no row can show, with their sources.</param>
/// <param name="Citation">The suggested citation of the current release: plain text, BibTeX and CSL-JSON.</param>
public sealed record DatasetDescription(
    LocalizedText Title,
    LocalizedText Description,
    string Publisher,
    LicenseReference License,
    LicenseReference SoftwareLicense,
    ReleaseReference CurrentRelease,
    IReadOnlyDictionary<string, int> Records,
    string? LatestChange,
    TemporalCoverage TemporalCoverage,
    ProgrammeFigures ProgrammeFigures,
    SuggestedCitation Citation);

/// <summary>A text in Dutch and in English.</summary>
/// <param name="Nl">Dutch.</param>
/// <param name="En">English.</param>
public sealed record LocalizedText(string Nl, string En);

/// <summary>A licence: its SPDX identifier, name and URL.</summary>
/// <param name="Id">SPDX identifier, e.g. <c>CC0-1.0</c>.</param>
/// <param name="Name">Full name.</param>
/// <param name="Url">Where the licence text is.</param>
public sealed record LicenseReference(string Id, string Name, Uri Url);

/// <summary>A data release: its version, date and content hash, and where its download is.</summary>
/// <param name="Version">Release version, <c>yyyy.mm.n</c>.</param>
/// <param name="Date">The date the release was cut.</param>
/// <param name="ContentHash">SHA-256 of the release's data files, 64 hex digits.</param>
/// <param name="Download">The ZIP download of this release (one CSV per table and a Frictionless data package descriptor).</param>
public sealed record ReleaseReference(string Version, DateOnly Date, string ContentHash, Uri Download);

/// <summary>A period of days.</summary>
/// <param name="From">First day, ISO 8601.</param>
/// <param name="To">Last day, ISO 8601.</param>
public sealed record TemporalCoverage(DateOnly? From, DateOnly? To);

/// <summary>How to cite one release of the dataset.</summary>
/// <param name="Text">Plain text, APA-like.</param>
/// <param name="Bibtex">A BibTeX <c>@misc</c> entry.</param>
/// <param name="CslJson">A CSL-JSON item (type <c>dataset</c>), for Zotero and citeproc.</param>
public sealed record SuggestedCitation(string Text, string Bibtex, CslItem CslJson);

/// <summary>A CSL-JSON item (Citation Style Language 1.0.2).</summary>
/// <param name="Id">Item id.</param>
/// <param name="Type">Always <c>dataset</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="Author">Authors, as literal names.</param>
/// <param name="Publisher">Publisher.</param>
/// <param name="Issued">Release date as CSL date parts (year, month, day).</param>
/// <param name="Version">Release version.</param>
/// <param name="Url">Where the release is.</param>
public sealed record CslItem(
    string Id,
    string Type,
    string Title,
    IReadOnlyList<CslName> Author,
    string Publisher,
    CslDate Issued,
    string Version,
    [property: System.Text.Json.Serialization.JsonPropertyName("URL")] Uri Url);

/// <summary>A CSL name given as one literal string (an organisation).</summary>
/// <param name="Literal">The name.</param>
public sealed record CslName(string Literal);

/// <summary>A CSL date.</summary>
/// <param name="DateParts">One date as [year, month, day].</param>
public sealed record CslDate([property: System.Text.Json.Serialization.JsonPropertyName("date-parts")] IReadOnlyList<IReadOnlyList<int>> DateParts);
