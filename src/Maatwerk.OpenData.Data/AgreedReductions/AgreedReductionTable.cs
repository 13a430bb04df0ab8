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
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("companyId", "company_id", 100),
        ColumnMap.Text("phaseId", "phase_id", 100),
        ColumnMap.Code("substance", "substance", CodeLists.Substance, 50),
        ColumnMap.Number("amount", "amount", 19, 4),
        ColumnMap.Number("amountMin", "amount_min", 19, 4),
        ColumnMap.Number("amountMax", "amount_max", 19, 4),
        ColumnMap.Code("amountQualifier", "amount_qualifier", CodeLists.AmountQualifier, 20, nullable: true),
        ColumnMap.Text("unit", "unit", 30, nullable: true),
        ColumnMap.Number("percentMin", "percent_min", 9, 2),
        ColumnMap.Number("percentMax", "percent_max", 9, 2),
        ColumnMap.Integer("baselineYear", "baseline_year"),
        ColumnMap.Text("baseline", "baseline", 200, nullable: true),
        ColumnMap.Integer("targetYear", "target_year"),
        ColumnMap.LongText("measure", "measure"),
        ColumnMap.Text("instrument", "instrument", 400, nullable: true),
        ColumnMap.Number("stateContributionMaxEur", "state_contribution_max_eur", 19, 2),
        ColumnMap.Number("totalInvestmentEur", "total_investment_eur", 19, 2),
        ColumnMap.LongText("note", "note"),
        ColumnMap.Array("sourceIds", ChildRows.Strings("agreed_reduction_source", "agreed_reduction_id", "source_id", 100, storedAs: "source_ids_json")),
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
