using System.Diagnostics;
using System.Globalization;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Benchmarks;

/// <summary>
/// SQLite time (CPU time per execution) of the statements behind <c>/v1/companies?$top=16</c> and <c>/v1/companies/nobian</c>,
/// with the arrays read from the columns that store them next to the same statements with a correlated
/// subquery per row and array (as before schema script 0007), side by side on the same file: the
/// real-size embedded database and the synthetic scale database (100,000 companies, 1,000,000 status
/// changes, 500,000 reductions). Also the time the loader spends writing the stored arrays at scale.
/// <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- arrays [repetitions]</c>.
/// </summary>
internal static class ArrayStatementBenchmark
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "maatwerk-benchmark", "arrays");

    public static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var repetitions = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 20_000;
        Directory.CreateDirectory(Folder);

        var real = Path.Combine(Folder, "real.db");
        await ReportingDatabaseSetup.PrepareAsync(new DatabaseOptions { SqlitePath = real }, NullLogger.Instance, CancellationToken.None);
        var scale = Path.Combine(Folder, "scale-100000-1000000-500000.db");
        if (!File.Exists(scale))
        {
            var clock = Stopwatch.StartNew();
            await SyntheticData.CreateAsync(scale + ".building", 100_000, 1_000_000, 500_000, CancellationToken.None);
            SqliteConnection.ClearAllPools();
            File.Move(scale + ".building", scale);
            Console.WriteLine($"generated the scale database in {clock.Elapsed.TotalSeconds:F0} s ({scale})");
        }

        var statements = new (string Label, QuerySpec Spec)[]
        {
            ("/v1/companies?$top=16", new QuerySpec(CompanyTable.Map) { Top = 16 }),
            ("/v1/companies/nobian", new QuerySpec(CompanyTable.Map) { Scope = [new ScopeCondition("id", "nobian")] }),
        };

        foreach (var (name, path) in new[] { ("real size", real), ("scale", scale) })
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            Console.WriteLine($"\n{name} ({new FileInfo(path).Length / 1024 / 1024:N0} MiB, {repetitions:N0} runs per statement, CPU µs per run, median of 7 alternating rounds)");
            foreach (var (label, spec) in statements)
            {
                var before = SqlTranslator.Translate(spec with { Entity = Unstored(spec.Entity) }, SqliteDialect.Instance).Rows;
                var after = SqlTranslator.Translate(spec, SqliteDialect.Instance).Rows;
                foreach (var read in new[] { false, true })
                {
                    var (subquery, stored) = Time(connection, before, after, repetitions, read);
                    Console.WriteLine($"  {label,-24} {(read ? "step and read values" : "SQLite step only"),-20}  subquery per row {subquery,8:F1} µs   stored column {stored,8:F1} µs   ratio {stored / subquery:F2}");
                }
            }
        }

        await TimeStoringAsync(scale);
    }

    // The company allow-list as it was before 0007: every array built by a subquery per row.
    private static EntityMap Unstored(EntityMap map) =>
        new(map.EntitySet, map.Table, map.Key.Property,
            [.. map.Columns.Select(c => c.Children is { } children ? c with { Children = children with { StoredAs = null } } : c)])
        {
            DefaultOrder = map.DefaultOrder,
            Navigations = map.Navigations,
        };

    // CPU microseconds per execution of each statement, the median of seven rounds after a warm-up, the
    // rounds of the two statements alternating so that a change in the machine's load hits both: every
    // row stepped (SQLite computes a row's columns, subqueries included, when it steps to it), and with
    // read, every value read into .NET too, as the service does.
    private static (double First, double Second) Time(SqliteConnection connection, SqlStatement first, SqlStatement second, int repetitions, bool read)
    {
        using var one = Command(connection, first);
        using var two = Command(connection, second);
        Run(one, Math.Max(1, repetitions / 10), read);
        Run(two, Math.Max(1, repetitions / 10), read);
        var (rounds1, rounds2) = (new List<double>(), new List<double>());
        for (var round = 0; round < 7; round++)
        {
            rounds1.Add(Round(one, repetitions, read));
            rounds2.Add(Round(two, repetitions, read));
        }

        return (rounds1.Order().ElementAt(3), rounds2.Order().ElementAt(3));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Text;
        foreach (var parameter in statement.Parameters)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }

        command.Prepare();
        return command;
    }

    // CPU time of the process, not wall time: on a machine whose cores other work shares, waiting for a
    // core is not the statement's cost. The loop is the only busy thread.
    private static double Round(SqliteCommand command, int repetitions, bool read)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        Run(command, repetitions, read);
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMicroseconds / repetitions;
    }

    private static void Run(SqliteCommand command, int times, bool read)
    {
        var values = new object[64];
        for (var i = 0; i < times; i++)
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (read)
                {
                    reader.GetValues(values);
                }
            }
        }
    }

    // What the loader's extra step costs at scale: every stored array written again, then rolled back.
    private static async Task TimeStoringAsync(string scale)
    {
        await using var connection = new SqliteConnection($"Data Source={scale};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        await StoredArrays.StoreAsync(connection, transaction, SqliteDialect.Instance, CancellationToken.None);
        Console.WriteLine($"\nwriting every stored array at scale (the loader's step, rolled back): {clock.Elapsed.TotalSeconds:F1} s");
        await transaction.RollbackAsync();
    }
}
