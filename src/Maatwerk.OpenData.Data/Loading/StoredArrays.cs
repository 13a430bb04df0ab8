using System.Data.Common;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// The arrays stored on their records (<see cref="ChildRows.StoredAs"/>, schema script 0007): each
/// record's <c>sites</c> and <c>sourceIds</c> as the JSON text the API returns, written from the child
/// tables after the child rows are in, in the same transaction, so the API reads one column per array
/// instead of a subquery per row.
/// </summary>
public static class StoredArrays
{
    /// <summary>Every stored array: the table of its records and how it is built from the child table.</summary>
    private static IEnumerable<(EntityMap Map, ChildRows Children)> All =>
        ReportingTables.All.SelectMany(map => map.Columns
            .Select(c => c.Children)
            .OfType<ChildRows>()
            .Where(children => children.StoredAs is not null)
            .Select(children => (map, children)));

    /// <summary>
    /// Writes every record's stored arrays from the child rows as they are in the transaction. Called by
    /// the loader after the child rows; anything that writes records or child rows other than through the
    /// loader (generated test data) calls it after it.
    /// </summary>
    /// <param name="connection">An open connection that may write the reporting schema.</param>
    /// <param name="transaction">The transaction that wrote the rows, if any.</param>
    /// <param name="dialect">The dialect of that connection.</param>
    /// <param name="cancellationToken">Cancels the remaining statements.</param>
    public static async Task StoreAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);

        // One statement per array over the whole table: a load, not a request, so no command timeout.
        foreach (var statement in StoreStatements(dialect))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Whether some table's arrays are not written yet: a database whose current release was loaded before
    /// schema script 0007 added the columns. Every load writes the arrays of every row in one transaction,
    /// so the row with the lowest key (an index seek) speaks for its table.
    /// </summary>
    internal static async Task<bool> MissingAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        foreach (var statement in ProbeStatements(dialect))
        {
            var missing = await connection.ExecuteScalarAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken));
            if (Convert.ToInt64(missing, CultureInfo.InvariantCulture) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statements that write the stored arrays, one per array (checked with a SQL parser).</summary>
    public static IEnumerable<string> StoreStatements(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return All.Select(a => dialect.StoreJsonArray(a.Map.Table, a.Map.Key.Column, a.Children));
    }

    /// <summary>The statements of <see cref="MissingAsync"/>, one per array: 1 when the first row's array is not written, else 0.</summary>
    public static IEnumerable<string> ProbeStatements(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return All.Select(a =>
        {
            var (table, key) = (dialect.Table(a.Map.Table), dialect.Quote(a.Map.Key.Column));
            return $"SELECT COUNT(*) FROM {table} AS p WHERE p.{dialect.Quote(a.Children.StoredAs!)} IS NULL "
                + $"AND p.{key} = (SELECT MIN(m.{key}) FROM {table} AS m)";
        });
    }
}
