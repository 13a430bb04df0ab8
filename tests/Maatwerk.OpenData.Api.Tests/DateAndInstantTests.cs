using System.Globalization;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// A date property compared with a point in time (a DateTimeOffset literal, <c>now()</c>, <c>maxdatetime()</c>,
/// <c>mindatetime()</c>): the date stands for its midnight in UTC. The expected rows are computed here from
/// every row's date, with .NET's own DateTimeOffset comparison.
/// </summary>
public sealed class DateAndInstantTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var instant in new[] { "2025-01-01T00:00:00Z", "2024-12-19T12:00:00+02:00", "2024-12-18T23:30:00-01:00", "now()", "maxdatetime()", "mindatetime()" })
        {
            foreach (var op in new[] { "lt", "le", "gt", "ge", "eq", "ne" })
            {
                data.Add(op, instant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Filter_DateAgainstPointInTime_ComparesTheDatesMidnightUtc(string op, string instant)
    {
        var (all, _, _) = await client.WalkAsync("/v1/status-changes?$select=id,periodStart");
        var point = instant switch
        {
            "now()" => DateTimeOffset.UtcNow,
            "maxdatetime()" => DateTimeOffset.MaxValue,
            "mindatetime()" => DateTimeOffset.MinValue,
            _ => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture),
        };
        var expected = all
            .Where(r => r.GetProperty("periodStart").GetString() is { } day
                && Holds(op, new DateTimeOffset(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).CompareTo(point)))
            .Ids().Order(StringComparer.Ordinal);

        var (rows, _, _) = await client.WalkAsync($"/v1/status-changes?$select=id&$filter={Uri.EscapeDataString($"periodStart {op} {instant}")}");
        var (mirrored, _, _) = await client.WalkAsync($"/v1/status-changes?$select=id&$filter={Uri.EscapeDataString($"{instant} {Mirror(op)} periodStart")}");

        Assert.Equal(expected, rows.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(expected, mirrored.Ids().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filter_DateOfNow_IsToday()
    {
        var (rows, _, _) = await client.WalkAsync("/v1/status-changes?$select=id&$filter=periodStart le date(now())");
        var (all, _, _) = await client.WalkAsync("/v1/status-changes?$select=id&$filter=periodStart ne null");

        Assert.Equal(all.Ids(), rows.Ids());
    }

    [Fact]
    public async Task Filter_PointInTimeAlone_IsA400SayingWhatToWrite()
    {
        var (response, body) = await client.GetJsonAsync("/v1/status-changes?$filter=now() gt now()");

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains("periodStart le now()", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static bool Holds(string op, int comparison) => op switch
    {
        "lt" => comparison < 0,
        "le" => comparison <= 0,
        "gt" => comparison > 0,
        "ge" => comparison >= 0,
        "eq" => comparison == 0,
        _ => comparison != 0,
    };

    private static string Mirror(string op) => op switch
    {
        "lt" => "gt",
        "le" => "ge",
        "gt" => "lt",
        "ge" => "le",
        _ => op,
    };
}
