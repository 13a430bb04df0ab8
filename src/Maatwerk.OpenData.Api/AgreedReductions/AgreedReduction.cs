using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.Sources;

namespace Maatwerk.OpenData.Api.AgreedReductions;

/// <summary>A reduction a company agreed to or planned in a phase of the programme.</summary>
/// <param name="Id">Stable id: company, phase and substance, e.g. <c>nobian-binding-agreement-co2</c>.</param>
/// <param name="CompanyId">Id of the company (see /companies).</param>
/// <param name="PhaseId">The phase whose agreement states this reduction (see /phases).</param>
/// <param name="Substance">Substance code: CO2, N2O, NOx, NH3, N (nitrogen as reported) or living-environment.</param>
/// <param name="Amount">The figure when the source gives one number; null for a range or a figure in words only.</param>
/// <param name="AmountMin">Lower bound of the figure (equals amount for a single number).</param>
/// <param name="AmountMax">Upper bound of the figure (equals amount for a single number).</param>
/// <param name="AmountQualifier">How the figure is stated: stated, more-than, at-least, at-most or range.</param>
/// <param name="Unit">Unit of the figure: Mt CO2/yr, kt CO2/yr, kt CO2, Mt CO2-eq/yr, kt CO2-eq/yr, percent or t/yr.</param>
/// <param name="PercentMin">A percentage given alongside an absolute figure (lower bound).</param>
/// <param name="PercentMax">A percentage given alongside an absolute figure (upper bound).</param>
/// <param name="BaselineYear">The baseline year when the baseline is one year.</param>
/// <param name="Baseline">The baseline in words.</param>
/// <param name="TargetYear">The year the reduction is to be reached.</param>
/// <param name="Measure">How the reduction is to be achieved, in our own words.</param>
/// <param name="Instrument">The instrument (e.g. binding agreement with subsidies).</param>
/// <param name="StateContributionMaxEur">The maximum state contribution in euros.</param>
/// <param name="TotalInvestmentEur">The total investment in euros.</param>
/// <param name="Note">Caveats, related figures and conflicts between sources.</param>
/// <param name="SourceIds">Ids of the sources (see /sources) behind this record.</param>
public sealed record AgreedReduction(
    string Id,
    string CompanyId,
    string PhaseId,
    string Substance,
    decimal? Amount,
    decimal? AmountMin,
    decimal? AmountMax,
    string? AmountQualifier,
    string? Unit,
    decimal? PercentMin,
    decimal? PercentMax,
    int? BaselineYear,
    string? Baseline,
    int? TargetYear,
    string? Measure,
    string? Instrument,
    decimal? StateContributionMaxEur,
    decimal? TotalInvestmentEur,
    string? Note,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The company (with <c>$expand=company</c>).</summary>
    public Company? Company { get; set; }

    /// <summary>The phase whose agreement states the reduction (with <c>$expand=phase</c>).</summary>
    public Phase? Phase { get; set; }

    /// <summary>The sources behind this record (with <c>$expand=sources</c>).</summary>
    public IReadOnlyList<Source>? Sources { get; set; }
}
