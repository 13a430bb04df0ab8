namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// Columns the data files do not hold because they follow from what they do hold: the period a date
/// of known precision covers, and the order in which companies entered the programme.
/// </summary>
internal sealed class DerivedColumns
{
    private readonly Dictionary<string, int> programmeOrder;

    public DerivedColumns(IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string?>>> files)
    {
        // A company enters the programme with its earliest dated status change; companies without one
        // come last. Ties (two companies first seen in the same month) go by id.
        var firstChange = files["status-changes.csv"]
            .Select(r => (Company: r["companyId"]!, Period: DatePeriod.From(r["date"], r["datePrecision"])))
            .Where(c => c.Period is not null)
            .GroupBy(c => c.Company, c => c.Period!.Value.Start)
            .ToDictionary(g => g.Key, g => g.Min());
        programmeOrder = files["companies.csv"]
            .Select(r => r["id"]!)
            .OrderBy(id => firstChange.ContainsKey(id) ? 0 : 1)
            .ThenBy(id => firstChange.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Select((id, index) => (id, index))
            .ToDictionary(c => c.id, c => c.index + 1);
    }

    public bool TryGet(string header, IReadOnlyDictionary<string, string?> row, out object? value)
    {
        switch (header)
        {
            case "periodStart":
                value = DatePeriod.From(row.GetValueOrDefault("date"), row.GetValueOrDefault("datePrecision"))?.Start;
                return true;
            case "periodEnd":
                value = DatePeriod.From(row.GetValueOrDefault("date"), row.GetValueOrDefault("datePrecision"))?.End;
                return true;
            case "programmeOrder":
                value = programmeOrder[row["id"]!];
                return true;
            default:
                value = null;
                return false;
        }
    }
}
