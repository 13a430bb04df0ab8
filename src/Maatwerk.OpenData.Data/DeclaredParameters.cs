using Dapper;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Parameters bound as the column they are compared with, so that SQL Server never converts the column
/// (an implicit conversion turns an index seek into a scan). A value the column cannot hold keeps its
/// own width instead of being cut, as <see cref="Query.Sql.SqlDialect.Parameter"/> does for queries.
/// </summary>
internal static class DeclaredParameters
{
    /// <summary>Adds <paramref name="value"/> as <paramref name="name"/>, declared as <paramref name="column"/>.</summary>
    public static DynamicParameters Declared(this DynamicParameters parameters, string name, string value, ColumnType column)
    {
        parameters.Add(name, value, column.DbType, size: column.Holds(value) ? column.Size : null);
        return parameters;
    }
}
