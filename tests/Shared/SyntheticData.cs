using System.Globalization;
using System.Text;
using Dapper;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Tests.Shared;

/// <summary>
/// Builds a SQLite reporting database for load: the canonical data, loaded by the real loader (schema
/// scripts, indexes and release record), plus generated companies, status changes and agreed reductions
/// (ids start with "synthetic-") shaped like the real dataset: the substances of the code list, target
/// years from 2025 to 2050, phases and dates spread over 2019-2027 at day, month and year precision, the
/// real data's null rates and text lengths, one to three sites per company and one to several sources
/// per record. Generated in the database itself with a recursive CTE and a multiplicative hash of the
/// row number (so the same arguments give the same rows), then the arrays stored on the records are
/// written from the child rows and the release record's row counts are brought up to date, and the
/// loader's post-load step (planner statistics) runs, as after any load.
/// A million rows take seconds. For tests and benchmarks only; never committed.
/// </summary>
internal static class SyntheticData
{
    // Words of the field, for text columns: a substring of this at a hashed offset and length gives text
    // as long as the real descriptions and notes, in which contains() finds real words.
    private const string Corpus =
        "The company plans to capture CO2 at its plant and store it in empty gas fields under the North Sea through Porthos or Aramis. "
        + "It will electrify its steam crackers and boilers, replace natural gas by green hydrogen from an electrolyser on site, "
        + "and recover residual heat for the district heating network of the municipality. The agreement sets reductions of CO2, "
        + "nitrogen oxides and ammonia emissions, with a state contribution for the investment and conditions on the grid connection. "
        + "Sources disagree about the signing date; one report names an earlier month than the letter to parliament. "
        + "The negotiations were paused after the company announced a review of its European sites, and resumed after a new offer. "
        + "The cluster depends on new high-voltage lines, a hydrogen backbone and pipelines for CO2 transport, which are delayed. "
        + "Nitrogen deposition on nearby Natura 2000 areas is part of the agreement, as is the health of people living near the site. "
        + "The company will also reduce N2O from its nitric acid plants with a catalyst, and switch part of its feedstock to biomass. ";

    public static async Task<string> CreateAsync(string path, int companies, int statusChanges, int agreedReductions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(companies, 1);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await ReportingDatabaseSetup.PrepareAsync(new DatabaseOptions { SqlitePath = path }, NullLogger.Instance, cancellationToken);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        // A file built for a test run: no crash safety needed while it is written.
        await connection.ExecuteAsync("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var perCompany = Math.Max(1, (statusChanges + companies - 1) / companies);
            var parameters = new { companies, statusChanges, agreedReductions, perCompany, corpus = Corpus };
            foreach (var statement in Statements())
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            }

            await StoredArrays.StoreAsync(connection, transaction, SqliteDialect.Instance, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await DatasetLoader.AfterLoadAsync(connection, SqliteDialect.Instance, cancellationToken);
        return path;
    }

    private static IEnumerable<string> Statements()
    {
        yield return $"""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @companies)
            INSERT INTO company (id, name, sector, activity, cluster, cluster_basis, in_top20, current_phase_id,
                current_phase_as_of, current_phase_as_of_precision, programme_order, description)
            SELECT printf('synthetic-%06d', n), printf('Synthetic %s company %d', {Pick(1, [("Chemie", 3), ("Energy", 3), ("Steel", 1), ("Gas", 2), ("Foods", 1)])}, n),
                {Pick(2, [("chemicals", 25), ("refining", 25), ("industrial-gases", 12), ("food", 12), ("fertiliser", 12), ("biofuels", 7), ("steel", 7)])},
                {Text(3, 8, 25)},
                {Pick(4, [("Rotterdam-Moerdijk", 44), ("Zeeland", 19), ("Chemelot", 13), ("Noord-Nederland", 6), ("Noordzeekanaalgebied", 6), ("Cluster 6", 6), ("NULL", 6)])},
                {Pick(4, [("'stated'", 50), ("'inferred'", 44), ("NULL", 6)], quoted: false)},
                {Pick(5, [("1", 50), ("0", 12), ("NULL", 38)], quoted: false)},
                {Pick(6, [("stopped", 37), ("jloi", 19), ("eop", 19), ("binding-agreement", 12), ("on-hold", 6), ("draft-jloi", 1), ("NULL", 6)])},
                {Pick(7, [("'2025-07'", 25), ("printf('%04d-%02d-%02d', 2023 + " + H(8) + " % 4, 1 + " + H(9) + " % 12, 1 + " + H(10) + " % 28)", 56), ("'2025'", 13), ("'2024-11'", 6)], quoted: false)},
                'day', 100 + n, {Text(11, 150, 380)}
            FROM seq
            """;
        // The precision follows the date's form: a whole date is a day, yyyy-mm a month, yyyy a year.
        yield return """
            UPDATE company SET current_phase_as_of_precision = CASE length(current_phase_as_of) WHEN 7 THEN 'month' WHEN 4 THEN 'year' ELSE 'day' END
            WHERE id LIKE 'synthetic-%'
            """;
        yield return $"""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 3)
            INSERT INTO company_site (company_id, ordinal, site, municipality, province)
            SELECT c.id, s.n, {Pick(12, [("Botlek", 3), ("Pernis", 2), ("Europoort", 2), ("Sloegebied", 1), ("Geleen", 1), ("Delfzijl", 1), ("IJmuiden", 1)], row: "(c.programme_order * 3 + s.n)")} || ' ' || s.n,
                {Pick(13, [("Rotterdam", 36), ("Sittard-Geleen", 9), ("Terneuzen", 5), ("Venray", 5), ("Bergen op Zoom", 5), ("Delfzijl", 8), ("NULL", 32)], row: "(c.programme_order * 3 + s.n)")},
                {Pick(14, [("Zuid-Holland", 36), ("Limburg", 14), ("Zeeland", 14), ("Groningen", 9), ("Gelderland", 5), ("Noord-Holland", 5), ("Noord-Brabant", 8), ("NULL", 9)], row: "(c.programme_order * 3 + s.n)")}
            FROM company AS c JOIN seq AS s
            WHERE c.id LIKE 'synthetic-%' AND (s.n = 1 OR (s.n = 2 AND {H(15, "c.programme_order")} % 100 < 27) OR (s.n = 3 AND {H(15, "c.programme_order")} % 100 < 20))
            """;
        // A company's k-th change is dated after its (k-1)-th, the changes spread over 2019-2027.
        yield return $"""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @statusChanges),
            dated AS (
                SELECT n, date('2019-01-01', printf('+%d days', ((n - 1) / @companies) * 2900 / @perCompany + {H(20)} % 90)) AS day,
                    {Pick(21, [("day", 67), ("month", 26), ("year", 5), ("unknown", 2)])} AS precision
                FROM seq)
            INSERT INTO status_change (id, company_id, date, date_precision, period_start, period_end, from_phase_id,
                to_phase_id, kind, is_disputed, signatories, description, note)
            SELECT printf('synthetic-%09d', n), printf('synthetic-%06d', 1 + n % @companies),
                CASE precision WHEN 'day' THEN day WHEN 'month' THEN substr(day, 1, 7) WHEN 'year' THEN substr(day, 1, 4) END,
                precision,
                CASE precision WHEN 'day' THEN day WHEN 'month' THEN date(day, 'start of month') WHEN 'year' THEN date(day, 'start of year') END,
                CASE precision WHEN 'day' THEN day WHEN 'month' THEN date(day, 'start of month', '+1 month', '-1 day')
                    WHEN 'year' THEN date(day, 'start of year', '+1 year', '-1 day') END,
                {Pick(22, [("eop", 49), ("draft-jloi", 5), ("jloi", 5), ("on-hold", 3), ("NULL", 38)])},
                {Pick(23, [("eop", 56), ("stopped", 18), ("jloi", 13), ("draft-jloi", 5), ("binding-agreement", 5), ("on-hold", 3)])},
                {Pick(24, [("phase-change", 74), ("milestone", 26)])},
                {H(25)} % 100 < 3,
                {Nullable(26, 64, Text(27, 40, 180))},
                {Text(28, 60, 190)},
                {Nullable(29, 36, Text(30, 40, 280))}
            FROM dated
            """;
        yield return $"""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @agreedReductions),
            drawn AS (
                SELECT n, {Pick(40, [("CO2", 58), ("N", 21), ("NOx", 9), ("N2O", 6), ("NH3", 3), ("living-environment", 3)])} AS substance,
                    {Pick(41, [("stated", 58), ("range", 12), ("at-least", 9), ("more-than", 9), ("at-most", 6), ("NULL", 6)])} AS qualifier
                FROM seq)
            INSERT INTO agreed_reduction (id, company_id, phase_id, substance, amount, amount_min, amount_max, amount_qualifier,
                unit, percent_min, percent_max, baseline_year, baseline, target_year, measure, instrument,
                state_contribution_max_eur, total_investment_eur, note)
            SELECT printf('synthetic-%09d', n), printf('synthetic-%06d', 1 + n % @companies),
                {Pick(42, [("eop", 55), ("jloi", 27), ("binding-agreement", 15), ("tailored-subsidy", 3)])},
                substance,
                CASE WHEN qualifier IS NULL OR qualifier = 'range' THEN NULL ELSE ({H(43)} % 300 + 5) / 100.0 END,
                CASE WHEN qualifier IS NULL THEN NULL ELSE ({H(43)} % 300 + 5) / 100.0 END,
                CASE WHEN qualifier IS NULL THEN NULL WHEN qualifier = 'range' THEN ({H(43)} % 300 + 5 + {H(44)} % 200) / 100.0 ELSE ({H(43)} % 300 + 5) / 100.0 END,
                qualifier,
                CASE WHEN qualifier IS NULL THEN NULL WHEN substance = 'CO2' THEN {Pick(45, [("Mt CO2/yr", 75), ("kt CO2/yr", 17), ("Mt CO2-eq/yr", 8)])}
                    ELSE {Pick(46, [("percent", 60), ("t/yr", 30), ("kt CO2-eq/yr", 10)])} END,
                {Nullable(47, 82, "35 + " + H(48) + " % 30")}, {Nullable(47, 82, "45 + " + H(48) + " % 40")},
                {Nullable(49, 70, "2018 + " + H(50) + " % 5")},
                {Nullable(51, 58, Pick(52, [("2020 level", 3), ("2021 level", 2), ("2022 level", 2), ("current emission levels", 2), ("2019 level", 1)]))},
                {Nullable(53, 18, Pick(54, [("2030", 30), ("2025 + " + H(55) + " % 26", 70)], quoted: false))},
                {Nullable(56, 21, Text(57, 30, 160))},
                {Nullable(58, 90, Pick(59, [("binding tailor-made agreement", 2), ("binding tailor-made agreement (subsidies)", 1), ("one-off tailored subsidy", 1)]))},
                {Nullable(60, 85, "(" + H(61) + " % 200 + 1) * 10000000")},
                {Nullable(62, 94, "(" + H(63) + " % 100 + 1) * 10000000")},
                {Nullable(64, 36, Text(65, 60, 480))}
            FROM drawn
            """;
        // Sources cited: every record cites one; companies several (up to eight), status changes and
        // reductions often two or three, as in the real link files.
        yield return "CREATE TEMP TABLE numbered_source AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM source";
        yield return "CREATE TEMP TABLE source_count AS SELECT COUNT(*) AS n FROM source";
        foreach (var (table, link, column, row, shares) in new (string, string, string, string, int[])[]
        {
            ("company", "company_source", "company_id", "e.programme_order", [100, 90, 75, 60, 45, 30, 20, 10]),
            ("status_change", "status_change_source", "status_change_id", "CAST(substr(e.id, 11) AS INTEGER)", [100, 74, 33, 8]),
            ("agreed_reduction", "agreed_reduction_source", "agreed_reduction_id", "CAST(substr(e.id, 11) AS INTEGER)", [100, 58, 18, 6]),
        })
        {
            // The j-th source is cited by the given percentage of records.
            var share = new StringBuilder("CASE j.n");
            for (var i = 0; i < shares.Length; i++)
            {
                share.Append(CultureInfo.InvariantCulture, $" WHEN {i} THEN {shares[i]}");
            }

            yield return $"""
                WITH RECURSIVE j(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM j WHERE n < {shares.Length - 1})
                INSERT OR IGNORE INTO {link} ({column}, source_id)
                SELECT e.id, s.id
                FROM {table} AS e JOIN j JOIN numbered_source AS s ON s.k = ({H(70, row)} + j.n * 37) % (SELECT n FROM source_count)
                WHERE e.id LIKE 'synthetic-%' AND ({H(71, row)} + j.n * 13) % 100 < {share} END
                """;
        }

        yield return "DROP TABLE numbered_source";
        yield return "DROP TABLE source_count";
        // The release record counts the generated rows as part of the current release.
        foreach (var table in new[] { "company", "company_site", "status_change", "agreed_reduction", "company_source", "status_change_source", "agreed_reduction_source" })
        {
            yield return $"""
                UPDATE data_release_table
                SET rows_added = rows_added + (SELECT COUNT(*) FROM {table}) - row_count, row_count = (SELECT COUNT(*) FROM {table})
                WHERE table_name = '{table}' AND version = (SELECT version FROM data_release WHERE is_current = 1)
                """;
        }
    }

    // A hash of a row number in [0, 2^31 - 1), a different one per salt: multiplicative hashing modulo a prime.
    private static string H(int salt, string row = "n") =>
        $"(({row} * {2_654_435_761L + (salt * 1_000_003L)}) % 2147483647)";

    // One of the values, each with its weight (in any unit), chosen by the hash of the row; "NULL" is
    // SQL's null; values are quoted as text unless they are SQL expressions.
    private static string Pick(int salt, (string Value, int Weight)[] choices, bool quoted = true, string row = "n")
    {
        var total = choices.Sum(c => c.Weight);
        var sql = new StringBuilder("CASE");
        var upTo = 0;
        foreach (var (value, weight) in choices)
        {
            upTo += weight;
            var literal = !quoted || value == "NULL" ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {H(salt, row)} % {total} < {upTo} THEN {literal}");
        }

        return sql.Append(" END").ToString();
    }

    // Null in the given percentage of rows, else the expression.
    private static string Nullable(int salt, int nullPercent, string expression) =>
        $"CASE WHEN {H(salt)} % 100 < {nullPercent} THEN NULL ELSE {expression} END";

    // A piece of the corpus of between min and max characters, trimmed to whole words at neither end.
    private static string Text(int salt, int min, int max) =>
        $"trim(substr(@corpus, 1 + {H(salt)} % 400, {min} + {H(salt + 100)} % {max - min + 1}))";
}
