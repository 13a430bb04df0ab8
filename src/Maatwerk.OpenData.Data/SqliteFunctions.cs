using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data;

/// <summary>Registers the OData canonical functions the SQLite dialect calls, on one connection.</summary>
internal static class SqliteFunctions
{
    public static void Register(SqliteConnection connection)
    {
        connection.CreateFunction<string?, string?>(ODataFunctions.ToLowerName, ODataFunctions.ToLower, isDeterministic: true);
        connection.CreateFunction<string?, string?>(ODataFunctions.ToUpperName, ODataFunctions.ToUpper, isDeterministic: true);
        connection.CreateFunction<string?, string?>(ODataFunctions.TrimName, ODataFunctions.Trim, isDeterministic: true);
        connection.CreateFunction<string?, long?>(ODataFunctions.LengthName, ODataFunctions.Length, isDeterministic: true);
        connection.CreateFunction<string?, string?, long?>(ODataFunctions.IndexOfName, ODataFunctions.IndexOf, isDeterministic: true);
        connection.CreateFunction<string?, long?, string?>(ODataFunctions.SubstringName, ODataFunctions.Substring, isDeterministic: true);
        connection.CreateFunction<string?, long?, long?, string?>(ODataFunctions.SubstringName, ODataFunctions.Substring, isDeterministic: true);
        connection.CreateFunction<string?, string?, long?>(ODataFunctions.ContainsName, ODataFunctions.Contains, isDeterministic: true);
        connection.CreateFunction<string?, string?, long?>(ODataFunctions.StartsWithName, ODataFunctions.StartsWith, isDeterministic: true);
        connection.CreateFunction<string?, string?, long?>(ODataFunctions.EndsWithName, ODataFunctions.EndsWith, isDeterministic: true);
        connection.CreateFunction<double?, double?, double?>(ODataFunctions.AddName, ODataFunctions.Add, isDeterministic: true);
        connection.CreateFunction<double?, double?, double?>(ODataFunctions.SubtractName, ODataFunctions.Subtract, isDeterministic: true);
        connection.CreateFunction<double?, double?, double?>(ODataFunctions.MultiplyName, ODataFunctions.Multiply, isDeterministic: true);
        connection.CreateFunction<double?, double?, double?>(ODataFunctions.DivideName, ODataFunctions.Divide, isDeterministic: true);
        connection.CreateFunction<double?, double?, double?>(ODataFunctions.ModuloName, ODataFunctions.Modulo, isDeterministic: true);
        connection.CreateAggregate<double?, ODataFunctions.DecimalTotal, string>(
            ODataFunctions.SumName, default, (total, value) => total.Add(value), total => total.Total(), isDeterministic: true);
        connection.CreateAggregate<double?, ODataFunctions.DecimalTotal, string?>(
            ODataFunctions.AverageName, default, (total, value) => total.Add(value), total => total.Average(), isDeterministic: true);
    }
}
