using System.Globalization;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// Numbers parameters in the order the SQL text uses them, so the same query shape always yields the
/// same text (@p0, @p1, ...) and only the values differ.
/// </summary>
internal sealed class ParameterList(SqlDialect dialect, IEnumerable<SqlParameter>? first = null)
{
    // first: the parameters of another statement that this one shares (the same WHERE clause).
    private readonly List<SqlParameter> parameters = [.. first ?? []];

    public IReadOnlyList<SqlParameter> Items => parameters;

    /// <summary>A value of the given kind; when it is compared with a column, <paramref name="declared"/> is that column's type.</summary>
    public string Add(object? value, ColumnKind kind, ColumnType? declared = null)
    {
        var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(dialect.Parameter(name, value, kind, declared));
        return name;
    }

    /// <summary>A value compared with this column, bound with the column's declared type.</summary>
    public string Add(object? value, ColumnMap column) => Add(value, column.Kind, column.Type);
}
