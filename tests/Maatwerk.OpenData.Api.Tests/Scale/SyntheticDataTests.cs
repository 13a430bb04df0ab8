using Dapper;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests.Scale;

/// <summary>
/// The generated load data is shaped like the real dataset, so that plans and limits are tested on
/// realistic distributions: several substances and target years, null rates, dates at every precision,
/// sources for every record, and a release record that counts the generated rows.
/// </summary>
public sealed class SyntheticDataTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));
    private SqliteConnection? connection;

    public async ValueTask InitializeAsync()
    {
        var path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), 200, 2_000, 1_000, TestContext.Current.CancellationToken);
        connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Create_GivenCounts_WritesThemBesideTheRealRows()
    {
        Assert.Equal(200, await Scalar<long>("SELECT COUNT(*) FROM company WHERE id LIKE 'synthetic-%'"));
        Assert.Equal(2_000, await Scalar<long>("SELECT COUNT(*) FROM status_change WHERE id LIKE 'synthetic-%'"));
        Assert.Equal(1_000, await Scalar<long>("SELECT COUNT(*) FROM agreed_reduction WHERE id LIKE 'synthetic-%'"));
        Assert.True(await Scalar<long>("SELECT COUNT(*) FROM company WHERE id = 'nobian'") == 1, "the canonical data is loaded too");
    }

    [Fact]
    public async Task Reductions_SpreadOverSubstancesTargetYearsAndNulls()
    {
        var substances = (await connection!.QueryAsync<(string Substance, long Rows)>(
            "SELECT substance, COUNT(*) FROM agreed_reduction WHERE id LIKE 'synthetic-%' GROUP BY substance")).ToDictionary(r => r.Substance, r => r.Rows);
        Assert.Equal(CodeLists.Substance.Order(StringComparer.Ordinal), substances.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(substances["CO2"], 450, 700);

        var years = (await connection!.QueryAsync<long?>("SELECT DISTINCT target_year FROM agreed_reduction WHERE id LIKE 'synthetic-%'")).ToList();
        Assert.Contains(null, years);
        Assert.True(years.Count(y => y is not null) >= 20, $"target years: {string.Join(',', years)}");
        Assert.All(years.OfType<long>(), y => Assert.InRange(y, 2025, 2050));

        Assert.InRange(await NullPercent("agreed_reduction", "target_year"), 10, 26);
        Assert.InRange(await NullPercent("agreed_reduction", "amount"), 10, 26);
        Assert.InRange(await NullPercent("agreed_reduction", "instrument"), 80, 97);
        Assert.InRange(await NullPercent("agreed_reduction", "note"), 26, 46);
    }

    [Fact]
    public async Task StatusChanges_SpreadOverPhasesPrecisionsAndYears()
    {
        Assert.True(await Scalar<long>("SELECT COUNT(DISTINCT to_phase_id) FROM status_change WHERE id LIKE 'synthetic-%'") >= 5);
        Assert.Equal(4, await Scalar<long>("SELECT COUNT(DISTINCT date_precision) FROM status_change WHERE id LIKE 'synthetic-%'"));
        Assert.True(await Scalar<long>("SELECT COUNT(DISTINCT substr(period_start, 1, 4)) FROM status_change WHERE id LIKE 'synthetic-%'") >= 6);
        // A month is stored as yyyy-mm and covers its whole month; a year as yyyy and its whole year.
        Assert.Equal(0, await Scalar<long>("""
            SELECT COUNT(*) FROM status_change WHERE id LIKE 'synthetic-%' AND NOT (
                (date_precision = 'day' AND date = period_start AND date = period_end)
                OR (date_precision = 'month' AND length(date) = 7 AND period_start = date || '-01' AND period_end = date(period_start, '+1 month', '-1 day'))
                OR (date_precision = 'year' AND length(date) = 4 AND period_start = date || '-01-01' AND period_end = date || '-12-31')
                OR (date_precision = 'unknown' AND date IS NULL AND period_start IS NULL))
            """));
        Assert.InRange(await NullPercent("status_change", "signatories"), 54, 74);
        Assert.InRange(await Scalar<double>("SELECT AVG(length(description)) FROM status_change WHERE id LIKE 'synthetic-%'"), 90, 170);
    }

    [Fact]
    public async Task EveryGeneratedRecord_CitesASource()
    {
        Assert.Equal(0, await Scalar<long>("SELECT COUNT(*) FROM status_change AS s WHERE s.id LIKE 'synthetic-%' AND NOT EXISTS (SELECT 1 FROM status_change_source AS l WHERE l.status_change_id = s.id)"));
        Assert.Equal(0, await Scalar<long>("SELECT COUNT(*) FROM agreed_reduction AS r WHERE r.id LIKE 'synthetic-%' AND NOT EXISTS (SELECT 1 FROM agreed_reduction_source AS l WHERE l.agreed_reduction_id = r.id)"));
        Assert.InRange(await Scalar<double>("SELECT COUNT(*) * 1.0 / 200 FROM company_source WHERE company_id LIKE 'synthetic-%'"), 3, 6);
        Assert.Equal(0, await Scalar<long>("SELECT COUNT(*) FROM company AS c WHERE c.id LIKE 'synthetic-%' AND NOT EXISTS (SELECT 1 FROM company_site AS s WHERE s.company_id = c.id)"));
    }

    [Fact]
    public async Task ReleaseRecord_CountsTheGeneratedRows_AndStatisticsAreWritten()
    {
        foreach (var table in new[] { "company", "status_change", "agreed_reduction", "status_change_source" })
        {
            Assert.Equal(
                await Scalar<long>($"SELECT COUNT(*) FROM {table}"),
                await Scalar<long>($"SELECT t.row_count FROM data_release_table AS t JOIN data_release AS r ON r.version = t.version AND r.is_current = 1 WHERE t.table_name = '{table}'"));
        }

        Assert.True(await Scalar<long>("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'agreed_reduction'") > 0, "ANALYZE ran after the load");
    }

    private Task<T> Scalar<T>(string sql) => connection!.ExecuteScalarAsync<T>(sql)!;

    private Task<double> NullPercent(string table, string column) =>
        Scalar<double>($"SELECT 100.0 * SUM({column} IS NULL) / COUNT(*) FROM {table} WHERE id LIKE 'synthetic-%'");

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
