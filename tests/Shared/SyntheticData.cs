using Dapper;
using Maatwerk.OpenData.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Tests.Shared;

/// <summary>
/// Builds a SQLite reporting database for load: the canonical data plus generated companies, status
/// changes and agreed reductions (ids start with "synthetic-"). Generated in the database itself with a
/// recursive CTE, so a million rows take seconds. For tests and benchmarks only; never committed.
/// </summary>
internal static class SyntheticData
{
    public static async Task<string> CreateAsync(string path, int companies, int statusChanges, int agreedReductions, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await ReportingDatabaseSetup.PrepareAsync(new DatabaseOptions { SqlitePath = path }, NullLogger.Instance, cancellationToken);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @companies)
            INSERT INTO company (id, name, sector, activity, cluster, cluster_basis, in_top20, current_phase_id,
                current_phase_as_of, current_phase_as_of_precision, programme_order, description)
            SELECT printf('synthetic-%06d', n), printf('Synthetic company %d', n), 'chemicals', NULL, NULL, NULL, NULL, 'eop',
                '2025', 'year', 100 + n, 'Generated for load tests.'
            FROM seq
            """, new { companies }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @statusChanges)
            INSERT INTO status_change (id, company_id, date, date_precision, period_start, period_end, from_phase_id,
                to_phase_id, kind, is_disputed, signatories, description, note)
            SELECT printf('synthetic-%09d', n), printf('synthetic-%06d', 1 + n % @companies),
                date('2020-01-01', printf('+%d days', n % 2000)), 'day',
                date('2020-01-01', printf('+%d days', n % 2000)), date('2020-01-01', printf('+%d days', n % 2000)),
                'eop', 'jloi', 'phase-change', n % 7 = 0, NULL, 'Generated for load tests.', NULL
            FROM seq
            """, new { companies, statusChanges }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @agreedReductions)
            INSERT INTO agreed_reduction (id, company_id, phase_id, substance, amount, amount_min, amount_max, amount_qualifier,
                unit, percent_min, percent_max, baseline_year, baseline, target_year, measure, instrument,
                state_contribution_max_eur, total_investment_eur, note)
            SELECT printf('synthetic-%09d', n), printf('synthetic-%06d', 1 + n % @companies), 'eop', 'CO2',
                (n % 50) / 10.0, (n % 50) / 10.0, (n % 50) / 10.0, 'stated', 'Mt CO2/yr', NULL, NULL, NULL, NULL, 2030,
                'Generated for load tests.', NULL, NULL, NULL, NULL
            FROM seq
            """, new { companies, agreedReductions }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return path;
    }
}
