using Maatwerk.OpenData.Api.AgreedReductions;
using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.ProgrammeEvents;
using Maatwerk.OpenData.Api.StatusChanges;

namespace Maatwerk.OpenData.Api.Sources;

/// <summary>A public document behind the facts: a press release, a letter to parliament, a news item.</summary>
/// <param name="Id">Stable id, <c>s001</c> to <c>s101</c>.</param>
/// <param name="Title">The document's title as published.</param>
/// <param name="Publisher">Who published it (and through which site, for copies).</param>
/// <param name="Date">Publication date, ISO 8601 at its precision; null when not visible.</param>
/// <param name="DatePrecision">Precision of <c>date</c>: day, month or year; null when the date is unknown.</param>
/// <param name="PeriodStart">First day of the period <c>date</c> covers.</param>
/// <param name="PeriodEnd">Last day of the period <c>date</c> covers.</param>
/// <param name="Type">Kind of document, e.g. press-release, kamerbrief, news, company.</param>
/// <param name="Url">Where the document is (or was) published.</param>
/// <param name="Note">What to know when citing it (e.g. an uncertain date).</param>
public sealed record Source(
    string Id,
    string Title,
    string Publisher,
    string? Date,
    string? DatePrecision,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string Type,
    string Url,
    string? Note)
{
    /// <summary>The companies whose records cite this source (with <c>$expand=companies</c>).</summary>
    public IReadOnlyList<Company>? Companies { get; set; }

    /// <summary>The phases whose descriptions cite this source (with <c>$expand=phases</c>).</summary>
    public IReadOnlyList<Phase>? Phases { get; set; }

    /// <summary>The status changes that cite this source (with <c>$expand=statusChanges</c>).</summary>
    public IReadOnlyList<StatusChange>? StatusChanges { get; set; }

    /// <summary>The agreed reductions that cite this source (with <c>$expand=agreedReductions</c>).</summary>
    public IReadOnlyList<AgreedReduction>? AgreedReductions { get; set; }

    /// <summary>The programme events that cite this source (with <c>$expand=programmeEvents</c>).</summary>
    public IReadOnlyList<ProgrammeEvent>? ProgrammeEvents { get; set; }
}
