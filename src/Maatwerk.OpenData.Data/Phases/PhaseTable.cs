using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Phases;

/// <summary>The allow-list of <c>reporting.phase</c>.</summary>
public static class PhaseTable
{
    public static readonly EntityMap Map = new("phases", "phase", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Integer("ordinal", "ordinal"),
        ColumnMap.Text("nameEn", "name_en", 200),
        ColumnMap.Text("nameNl", "name_nl", 200),
        ColumnMap.Code("kind", "kind", CodeLists.PhaseKind, 20),
        ColumnMap.Flag("isBinding", "is_binding", nullable: true),
        ColumnMap.LongText("description", "description", nullable: false),
        ColumnMap.Array("sourceIds", ChildRows.Strings("phase_source", "phase_id", "source_id", 100, storedAs: "source_ids_json")),
    ])
    {
        Navigations =
        [
            NavigationMap.Many("companies", () => CompanyTable.Map, "current_phase_id"),
            NavigationMap.ManyVia("sources", () => SourceTable.Map, "phase_source", "phase_id", "source_id"),
        ],
    };
}
