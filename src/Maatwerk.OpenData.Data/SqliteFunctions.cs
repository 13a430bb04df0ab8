using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Registers the OData canonical functions the SQLite dialect calls on one physical connection, where they
/// stay for its lifetime. They are registered with SQLite itself rather than through
/// <see cref="SqliteConnection.CreateFunction{T1, TResult}(string, Func{T1, TResult}, bool)"/>, which removes
/// them again whenever the connection goes back to the pool: registering and removing seventeen functions
/// on every open cost time on every request, and removing them failed ("unable to delete/modify
/// user-function due to active statements") when a statement on the connection was still active.
/// Arguments and results follow Microsoft.Data.Sqlite's conversions (SQL NULL is null; text, integer and
/// real values as SQLite converts them); an exception inside a function is the statement's error.
/// </summary>
internal static class SqliteFunctions
{
    public static void Register(sqlite3 db)
    {
        Scalar<string?, string?>(db, ODataFunctions.ToLowerName, ODataFunctions.ToLower);
        Scalar<string?, string?>(db, ODataFunctions.ToUpperName, ODataFunctions.ToUpper);
        Scalar<string?, string?>(db, ODataFunctions.TrimName, ODataFunctions.Trim);
        Scalar<string?, long?>(db, ODataFunctions.LengthName, ODataFunctions.Length);
        Scalar<string?, string?, long?>(db, ODataFunctions.IndexOfName, ODataFunctions.IndexOf);
        Scalar<string?, long?, string?>(db, ODataFunctions.SubstringName, ODataFunctions.Substring);
        Scalar<string?, long?, long?, string?>(db, ODataFunctions.SubstringName, ODataFunctions.Substring);
        Scalar<string?, string?, long?>(db, ODataFunctions.ContainsName, ODataFunctions.Contains);
        Scalar<string?, string?, long?>(db, ODataFunctions.StartsWithName, ODataFunctions.StartsWith);
        Scalar<string?, string?, long?>(db, ODataFunctions.EndsWithName, ODataFunctions.EndsWith);
        Scalar<double?, double?, double?>(db, ODataFunctions.AddName, ODataFunctions.Add);
        Scalar<double?, double?, double?>(db, ODataFunctions.SubtractName, ODataFunctions.Subtract);
        Scalar<double?, double?, double?>(db, ODataFunctions.MultiplyName, ODataFunctions.Multiply);
        Scalar<double?, double?, double?>(db, ODataFunctions.DivideName, ODataFunctions.Divide);
        Scalar<double?, double?, double?>(db, ODataFunctions.ModuloName, ODataFunctions.Modulo);
        Total(db, ODataFunctions.SumName, total => total.Total());
        Total(db, ODataFunctions.AverageName, total => total.Average());
    }

    private static void Scalar<T1, TResult>(sqlite3 db, string name, Func<T1, TResult> function) =>
        Create(db, name, 1, (context, _, args) =>
        {
            try
            {
                Result(context, function(Argument<T1>(args[0])));
            }
            catch (Exception e)
            {
                Fail(context, e);
            }
        });

    private static void Scalar<T1, T2, TResult>(sqlite3 db, string name, Func<T1, T2, TResult> function) =>
        Create(db, name, 2, (context, _, args) =>
        {
            try
            {
                Result(context, function(Argument<T1>(args[0]), Argument<T2>(args[1])));
            }
            catch (Exception e)
            {
                Fail(context, e);
            }
        });

    private static void Scalar<T1, T2, T3, TResult>(sqlite3 db, string name, Func<T1, T2, T3, TResult> function) =>
        Create(db, name, 3, (context, _, args) =>
        {
            try
            {
                Result(context, function(Argument<T1>(args[0]), Argument<T2>(args[1]), Argument<T3>(args[2])));
            }
            catch (Exception e)
            {
                Fail(context, e);
            }
        });

    private static void Create(sqlite3 db, string name, int arity, delegate_function_scalar function) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_create_function(db, name, arity, raw.SQLITE_DETERMINISTIC, null, function), db);

    // A decimal sum or average of one argument, its running total kept by SQLite per group; a group
    // without values gives the result of none.
    private static void Total(sqlite3 db, string name, Func<ODataFunctions.DecimalTotal, string?> result) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_create_function(db, name, 1, raw.SQLITE_DETERMINISTIC, null,
            (context, _, args) =>
            {
                try
                {
                    var total = context.state as Running ?? new Running();
                    total.Value = total.Value.Add(Argument<double?>(args[0]));
                    context.state = total;
                }
                catch (Exception e)
                {
                    Fail(context, e);
                }
            },
            (context, _) =>
            {
                try
                {
                    Result(context, result((context.state as Running)?.Value ?? default));
                }
                catch (Exception e)
                {
                    Fail(context, e);
                }
            }), db);

    private static T Argument<T>(sqlite3_value value)
    {
        if (raw.sqlite3_value_type(value) == raw.SQLITE_NULL)
        {
            return default!;
        }

        return typeof(T) == typeof(string) ? (T)(object)raw.sqlite3_value_text(value).utf8_to_string()
            : typeof(T) == typeof(long?) ? (T)(object)raw.sqlite3_value_int64(value)
            : typeof(T) == typeof(double?) ? (T)(object)raw.sqlite3_value_double(value)
            : throw new NotSupportedException($"No SQLite conversion to {typeof(T)}.");
    }

    private static void Result(sqlite3_context context, object? value)
    {
        switch (value)
        {
            case null:
                raw.sqlite3_result_null(context);
                break;
            case string text:
                raw.sqlite3_result_text(context, text);
                break;
            case long integer:
                raw.sqlite3_result_int64(context, integer);
                break;
            case double real:
                raw.sqlite3_result_double(context, real);
                break;
            default:
                throw new NotSupportedException($"No SQLite result for {value.GetType()}.");
        }
    }

    // An exception must not cross into SQLite: it becomes the statement's error, as Microsoft.Data.Sqlite reports it.
    private static void Fail(sqlite3_context context, Exception exception) => raw.sqlite3_result_error(context, exception.Message);

    // The running total of one group, kept by SQLite between the steps of an aggregate.
    private sealed class Running
    {
        public ODataFunctions.DecimalTotal Value { get; set; }
    }
}
