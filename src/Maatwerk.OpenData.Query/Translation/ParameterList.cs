using System.Globalization;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// Numbers parameters in the order the SQL text uses them, so the same query shape always yields the
/// same text (@p0, @p1, ...) and only the values differ.
/// </summary>
internal sealed class ParameterList(SqlDialect dialect)
{
    private readonly List<SqlParameter> parameters = [];

    public IReadOnlyList<SqlParameter> Items => parameters;

    public string Add(object? value, ColumnKind kind)
    {
        var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        var (bound, type) = dialect.Bind(value, kind);
        parameters.Add(new SqlParameter(name, bound, type));
        return name;
    }
}
