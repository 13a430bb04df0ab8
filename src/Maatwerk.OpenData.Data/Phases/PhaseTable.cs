using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Phases;

/// <summary>The allow-list of <c>reporting.phase</c>.</summary>
public static class PhaseTable
{
    public static readonly EntityMap Map = new("phases", "phase", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Integer("ordinal", "ordinal"),
        ColumnMap.Text("nameEn", "name_en"),
        ColumnMap.Text("nameNl", "name_nl"),
        ColumnMap.Text("kind", "kind"),
        ColumnMap.Flag("isBinding", "is_binding", nullable: true),
        ColumnMap.LongText("description", "description", nullable: false),
        ColumnMap.Array("sourceIds", ChildRows.Strings("phase_source", "phase_id", "source_id")),
    ]);
}
