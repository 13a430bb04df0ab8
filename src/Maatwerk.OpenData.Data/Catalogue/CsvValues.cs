using System.Data.Common;
using System.Globalization;
using CsvHelper;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// The one place that writes CSV: RFC 4180 (CsvHelper; CRLF line ends, fields quoted when they hold a
/// comma, quote or line break), a header row of API property names, and one text form per kind of value
/// whatever the database: <c>true</c>/<c>false</c>, days as <c>yyyy-MM-dd</c>, numbers with a point and
/// no exponent or thousands separator, and an empty field for null.
/// </summary>
public static class CsvValues
{
    /// <summary>
    /// The options every CSV of the service is written with: RFC 4180, and text written as it is (no
    /// spreadsheet-formula escaping, which would change the data).
    /// </summary>
    public static CsvWriterOptions Options { get; } = new() { NewLine = "\r\n", Injection = CsvInjection.None, FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>The text of a value of a column of this kind; null for a missing value.</summary>
    public static string? Format(object? value, ColumnKind kind) => value switch
    {
        null or DBNull => null,
        _ => kind switch
        {
            ColumnKind.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture) ? "true" : "false",
            ColumnKind.Int32 => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            ColumnKind.Decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            ColumnKind.Date => value switch
            {
                DateTime dateTime => dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            },
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Writes a header row and then every row of the reader, one at a time (nothing is held in memory).</summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> WriteAsync(Stream output, DbDataReader reader, IReadOnlyList<(string Header, ColumnKind Kind)> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return await WriteAsync(output, Rows(reader, columns.Count, cancellationToken), columns, cancellationToken);
    }

    /// <summary>
    /// Writes a header row and then every row, one at a time as the sequence yields it: each row holds
    /// at least as many values as there are columns, in their order (further values are not written).
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<object?[]> rows, IReadOnlyList<(string Header, ColumnKind Kind)> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var (header, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        long written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                csv.WriteField(Format(row[i], columns[i].Kind));
            }

            await csv.EndRecordAsync(cancellationToken);
            written++;
        }

        await csv.FlushAsync(cancellationToken);
        return written;
    }

    private static async IAsyncEnumerable<object?[]> Rows(DbDataReader reader, int width, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var values = new object?[width];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < width; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return values;
        }
    }
}
