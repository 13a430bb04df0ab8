using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Data.ProgrammeEvents;
using Maatwerk.OpenData.Data.StatusChanges;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>The period the dated records of the served release cover, and its latest status change.</summary>
/// <param name="From">First day any status change or programme event covers.</param>
/// <param name="To">Last day any status change or programme event covers.</param>
/// <param name="LatestChange">The date of the most recent status change, at its precision (e.g. <c>2025-07</c>).</param>
public sealed record DatasetCoverage(DateOnly? From, DateOnly? To, string? LatestChange)
{
    /// <summary>Reads the coverage with two aggregate statements (index seeks on the period columns).</summary>
    public static async Task<DatasetCoverage> ReadAsync(ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var d = database.Dialect;
        string Table(Query.Model.EntityMap map) => d.Table(map.Table);
        var start = d.Quote("period_start");
        var end = d.Quote("period_end");
        var range = $"""
            SELECT MIN(f), MAX(t) FROM (
                SELECT MIN({start}) AS f, MAX({end}) AS t FROM {Table(StatusChangeTable.Map)}
                UNION ALL
                SELECT MIN({start}), MAX({end}) FROM {Table(ProgrammeEventTable.Map)}) AS periods
            """;
        var latest = $"""
            SELECT MIN({d.Quote("date")}) FROM {Table(StatusChangeTable.Map)}
            WHERE {start} = (SELECT MAX({start}) FROM {Table(StatusChangeTable.Map)})
            """;

        await using var connection = await database.OpenAsync(cancellationToken);
        var (from, to) = await connection.QuerySingleAsync<(object?, object?)>(new CommandDefinition(range, cancellationToken: cancellationToken));
        var change = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(latest, cancellationToken: cancellationToken));
        return new DatasetCoverage(Day(from), Day(to), change);
    }

    // SQLite keeps days as ISO text, SQL Server as date.
    private static DateOnly? Day(object? value) => value switch
    {
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        DateOnly day => day,
        string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };
}
