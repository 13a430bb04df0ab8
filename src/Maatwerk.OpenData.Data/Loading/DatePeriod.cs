using System.Globalization;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// The days a date of known precision covers: "2025-07" (month) is 2025-07-01 to 2025-07-31. This lets
/// clients filter and sort on real dates without the data ever claiming a day it does not know.
/// </summary>
internal static class DatePeriod
{
    public static (DateOnly Start, DateOnly End)? From(string? date, string? precision)
    {
        if (date is null)
        {
            return precision is null or "unknown"
                ? null
                : throw new InvalidDataException($"Precision '{precision}' is given without a date.");
        }

        return precision switch
        {
            "day" => Day(date),
            "month" => Month(date),
            "year" => Year(date),
            _ => throw new InvalidDataException($"Date '{date}' has precision '{precision}'; expected day, month or year."),
        };
    }

    private static (DateOnly, DateOnly) Day(string date)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (day, day);
    }

    private static (DateOnly, DateOnly) Month(string date)
    {
        var first = DateOnly.ParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    private static (DateOnly, DateOnly) Year(string date)
    {
        var first = DateOnly.ParseExact(date + "-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (first, first.AddYears(1).AddDays(-1));
    }
}
