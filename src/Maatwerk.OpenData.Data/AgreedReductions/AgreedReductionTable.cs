using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.AgreedReductions;

/// <summary>The allow-list of <c>reporting.agreed_reduction</c>.</summary>
public static class AgreedReductionTable
{
    public static readonly EntityMap Map = new("agreedReductions", "agreed_reduction", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Text("companyId", "company_id"),
        ColumnMap.Text("phaseId", "phase_id"),
        ColumnMap.Code("substance", "substance", CodeLists.Substance),
        ColumnMap.Number("amount", "amount"),
        ColumnMap.Number("amountMin", "amount_min"),
        ColumnMap.Number("amountMax", "amount_max"),
        ColumnMap.Code("amountQualifier", "amount_qualifier", CodeLists.AmountQualifier, nullable: true),
        ColumnMap.Text("unit", "unit", nullable: true),
        ColumnMap.Number("percentMin", "percent_min"),
        ColumnMap.Number("percentMax", "percent_max"),
        ColumnMap.Integer("baselineYear", "baseline_year"),
        ColumnMap.Text("baseline", "baseline", nullable: true),
        ColumnMap.Integer("targetYear", "target_year"),
        ColumnMap.LongText("measure", "measure"),
        ColumnMap.Text("instrument", "instrument", nullable: true),
        ColumnMap.Number("stateContributionMaxEur", "state_contribution_max_eur"),
        ColumnMap.Number("totalInvestmentEur", "total_investment_eur"),
        ColumnMap.LongText("note", "note"),
        ColumnMap.Array("sourceIds", ChildRows.Strings("agreed_reduction_source", "agreed_reduction_id", "source_id")),
    ])
    {
        Navigations =
        [
            NavigationMap.One("company", () => CompanyTable.Map, "company_id", nullable: false),
            NavigationMap.One("phase", () => PhaseTable.Map, "phase_id", nullable: false),
            NavigationMap.ManyVia("sources", () => SourceTable.Map, "agreed_reduction_source", "agreed_reduction_id", "source_id"),
        ],
    };
}
