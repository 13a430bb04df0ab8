namespace Maatwerk.OpenData.Data;

/// <summary>
/// The closed lists of codes some columns hold. The loader refuses a data file with any other value,
/// and the OpenAPI documents publish each list as the enum of its property.
/// </summary>
public static class CodeLists
{
    /// <summary>How precise a date is: <c>2024-12-19</c> (day), <c>2025-07</c> (month), <c>2025</c> (year), or not known.</summary>
    public static readonly IReadOnlyList<string> DatePrecision = ["day", "month", "year", "unknown"];

    /// <summary>A status change moves a company to another phase, or marks a milestone within one.</summary>
    public static readonly IReadOnlyList<string> StatusChangeKind = ["phase-change", "milestone"];

    /// <summary>A phase is a step of the programme, a side state (on hold, stopped), or another instrument.</summary>
    public static readonly IReadOnlyList<string> PhaseKind = ["step", "state", "instrument"];

    /// <summary>What a reduction is of.</summary>
    public static readonly IReadOnlyList<string> Substance = ["CO2", "N2O", "NOx", "NH3", "N", "living-environment"];

    /// <summary>How an amount is stated in the sources.</summary>
    public static readonly IReadOnlyList<string> AmountQualifier = ["stated", "more-than", "at-least", "at-most", "range"];
}
