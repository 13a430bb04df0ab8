using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.ProgrammeEvents;

/// <summary>The allow-list of <c>reporting.programme_event</c>: programme-wide milestones, not tied to one company.</summary>
public static class ProgrammeEventTable
{
    /// <summary>
    /// What kind of milestone an event is: a policy decision, a letter to parliament, a debate, a change in
    /// who runs the programme (governance), or a report by others (news).
    /// </summary>
    public static readonly IReadOnlyList<string> Kinds = ["policy", "letter-to-parliament", "debate", "governance", "report"];

    public static readonly EntityMap Map = new("programmeEvents", "programme_event", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("date", "date", 10),
        ColumnMap.Code("datePrecision", "date_precision", CodeLists.DatePrecision, 10),
        ColumnMap.Day("periodStart", "period_start"),
        ColumnMap.Day("periodEnd", "period_end"),
        ColumnMap.Code("kind", "kind", Kinds, 50),
        ColumnMap.Text("title", "title", 400),
        ColumnMap.Text("parliamentaryPaper", "parliamentary_paper", 100, nullable: true),
        ColumnMap.LongText("description", "description", nullable: false),
        ColumnMap.LongText("note", "note"),
        ColumnMap.Array("sourceIds", ChildRows.Strings("programme_event_source", "programme_event_id", "source_id", 100, storedAs: "source_ids_json")),
    ])
    {
        Navigations =
        [
            NavigationMap.ManyVia("sources", () => SourceTable.Map, "programme_event_source", "programme_event_id", "source_id"),
        ],
    };
}
