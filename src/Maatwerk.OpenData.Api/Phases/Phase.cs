using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Sources;

namespace Maatwerk.OpenData.Api.Phases;

/// <summary>A step of the programme, or a side state (on hold, stopped) or instrument (tailored subsidy).</summary>
/// <param name="Id">Stable id: exploration, eop, draft-jloi, jloi, binding-agreement, tailored-subsidy, on-hold or stopped.</param>
/// <param name="Ordinal">Position of a step in the programme (0 to 4); null for side states and instruments.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameNl">Official Dutch name.</param>
/// <param name="Kind"><c>step</c>, <c>instrument</c> or <c>state</c>.</param>
/// <param name="IsBinding">Whether agreements in this phase are legally binding; null where the question does not apply.</param>
/// <param name="Description">What the phase means, in our own words.</param>
/// <param name="SourceIds">Ids of the sources (see /sources) behind this record.</param>
public sealed record Phase(
    string Id,
    int? Ordinal,
    string NameEn,
    string NameNl,
    string Kind,
    bool? IsBinding,
    string Description,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The companies currently in this phase (with <c>$expand=companies</c>).</summary>
    public IReadOnlyList<Company>? Companies { get; set; }

    /// <summary>The sources behind this record (with <c>$expand=sources</c>).</summary>
    public IReadOnlyList<Source>? Sources { get; set; }
}
