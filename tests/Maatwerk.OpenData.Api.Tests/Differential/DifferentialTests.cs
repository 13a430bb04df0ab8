using System.Globalization;
using System.Text;

namespace Maatwerk.OpenData.Api.Tests.Differential;

/// <summary>
/// Thousands of random queries: the rows the API returns (pushed down to SQLite, read over every page)
/// must equal, row for row and in order, what Microsoft's in-memory ApplyTo returns over the same data.
/// The seed is fixed (set MAATWERK_DIFF_SEED to vary it, MAATWERK_DIFF_COUNT for more queries); a
/// difference fails with the seed and the query printed.
/// </summary>
public abstract class DifferentialTests(ApiFactory api)
{
    private const int DefaultSeed = 20261127;
    private const int DefaultCount = 2000;

    [Fact]
    public async Task RandomQueries_Seeded_EqualApplyToRowForRow()
    {
        var (seed, count) = Settings();
        var data = await api.OracleData;
        var generator = new QueryGenerator(seed, data);
        var client = api.CreateClient();
        var failures = new List<string>();
        var nonEmpty = 0;

        for (var i = 0; i < count && failures.Count < 25; i++)
        {
            var (path, query) = generator.Next();
            var failure = await CompareAsync(client, data, path, query);
            if (failure is null)
            {
                continue;
            }

            if (failure.Length == 0)
            {
                nonEmpty++;
                continue;
            }

            failures.Add($"#{i} /v1/{path}?{Uri.UnescapeDataString(query)}{Environment.NewLine}    {failure}");
        }

        Assert.True(failures.Count == 0,
            $"seed {seed}: {failures.Count} of the queries differ from ApplyTo:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");

        // The comparison means something only if most queries select rows.
        Assert.True(nonEmpty > count / 3, $"only {nonEmpty} of {count} queries returned rows");
    }

    /// <summary>null: equal and empty; "": equal with rows; otherwise what differs.</summary>
    private static async Task<string?> CompareAsync(HttpClient client, OracleData data, string path, string query)
    {
        List<System.Text.Json.JsonElement> expected;
        long expectedCount;
        try
        {
            (expected, expectedCount) = data.Apply(path, OracleCorpusTests.WithDefaultOrder(path, query));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return $"the oracle could not evaluate it: {e.GetType().Name}: {e.Message}";
        }

        var url = $"/v1/{path}?{query}";
        var rows = new List<System.Text.Json.JsonElement>();
        long? count = null;
        for (string? next = url; next is not null;)
        {
            var (response, body) = await client.GetJsonAsync(next);
            if (!response.IsSuccessStatusCode)
            {
                return $"API {(int)response.StatusCode}: {body}";
            }

            rows.AddRange(body.GetProperty("value").EnumerateArray());
            count ??= body.TryGetProperty("@odata.count", out var c) ? c.GetInt64() : null;
            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        if (rows.Count != expected.Count)
        {
            return $"API {rows.Count} rows, ApplyTo {expected.Count} rows";
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (JsonEquality.Difference(expected[i], rows[i]) is { } difference)
            {
                return $"row {i}: {difference}";
            }
        }

        if (query.Contains("$count=true", StringComparison.Ordinal) && count != expectedCount)
        {
            return $"@odata.count {count}, ApplyTo {expectedCount}";
        }

        return rows.Count == 0 ? null : string.Empty;
    }

    /// <summary>The seed and number of random queries: fixed, unless MAATWERK_DIFF_SEED or MAATWERK_DIFF_COUNT say otherwise.</summary>
    internal static (int Seed, int Count) Settings() =>
        (Setting("MAATWERK_DIFF_SEED", DefaultSeed), Setting("MAATWERK_DIFF_COUNT", DefaultCount));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>The random-query comparison with ApplyTo, on the embedded SQLite database.</summary>
public sealed class DifferentialTestsOnSqlite(ApiFactory api) : DifferentialTests(api);

/// <summary>The random-query comparison with ApplyTo, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class DifferentialTestsOnSqlServer(SqlServerApiFactory api) : DifferentialTests(api);
