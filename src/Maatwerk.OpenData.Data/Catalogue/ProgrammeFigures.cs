using System.Reflection;
using System.Text.Json;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// Figures about the programme that the sources state but no row can show, from the data file
/// <c>programme-figures.json</c> (part of the data release).
/// </summary>
/// <param name="ExpressionsOfPrinciples">The official count of Expressions of Principles and how many of them the data can name.</param>
public sealed record ProgrammeFigures(ExpressionsOfPrinciplesCount ExpressionsOfPrinciples)
{
    private static readonly Lazy<ProgrammeFigures> Embedded = new(() =>
    {
        using var stream = typeof(ProgrammeFigures).Assembly.GetManifestResourceStream("Dataset.programme-figures.json")
            ?? throw new FileNotFoundException("The data file programme-figures.json is not embedded.");
        return JsonSerializer.Deserialize<ProgrammeFigures>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("programme-figures.json is empty.");
    });

    /// <summary>The figures of the embedded data release.</summary>
    public static ProgrammeFigures Current => Embedded.Value;
}

/// <summary>
/// The official number of Expressions of Principles (EoPs) signed by a date, and which companies behind
/// them the sources identify.
/// </summary>
/// <param name="OfficialCount">The number the government states (13).</param>
/// <param name="AsOf">The date of that statement (30 June 2025).</param>
/// <param name="CompaniesIdentified">Ids of the companies (see /companies) known to have signed one of them (12).</param>
/// <param name="CompaniesUnidentified">How many of the signatories no source names (1).</param>
/// <param name="SourceIds">Ids of the sources (see /sources) that state the count.</param>
public sealed record ExpressionsOfPrinciplesCount(
    int OfficialCount,
    DateOnly AsOf,
    IReadOnlyList<string> CompaniesIdentified,
    int CompaniesUnidentified,
    IReadOnlyList<string> SourceIds);
