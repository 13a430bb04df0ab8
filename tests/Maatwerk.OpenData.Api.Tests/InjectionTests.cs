using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Attempts to smuggle SQL through the query options return nothing or a 400, and change nothing.</summary>
public sealed class InjectionTests(ApiFactory api)
{
    public static readonly TheoryData<string, int> Attempts = new()
    {
        { "/v1/companies?$filter=name eq 'x'' or 1 eq 1'", 200 },
        { "/v1/companies?$filter=id eq 'x''; DROP TABLE company; --'", 200 },
        { "/v1/companies?$filter=id eq 'nobian'' OR ''1''=''1'", 200 },
        { "/v1/companies?$filter=contains(name,''') OR 1=1 --')", 200 },
        { "/v1/companies?$filter=contains(name,'%')", 200 },
        { "/v1/companies?$filter=contains(name,'*')", 200 },
        { "/v1/companies?$filter=startswith(name,'[A-Z]')", 200 },
        { "/v1/companies?$filter=name eq x' or '1'='1", 400 },
        { "/v1/companies?$filter=1 eq 1; DELETE FROM company", 400 },
        { "/v1/companies?$orderby=name; DROP TABLE company", 400 },
        { "/v1/companies?$orderby=name desc, (SELECT 1)", 400 },
        { "/v1/companies?$select=id FROM company --", 400 },
        { "/v1/companies?$top=1;DELETE FROM company", 400 },
        { "/v1/companies?$skip=0 UNION SELECT * FROM source", 400 },
        { "/v1/companies/nobian' OR '1'='1", 404 },
        { "/v1/companies('nobian'' OR ''1''=''1')", 404 },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task Query_InjectionAttempt_ReturnsNothingOrAProblemAndChangesNothing(string url, int status)
    {
        var client = api.CreateClient();
        await client.GetJsonAsync("/v1");
        var before = await FingerprintAsync();

        var (response, body) = await client.GetJsonAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Empty(body.GetProperty("value").EnumerateArray());
        }
        else
        {
            ApiJson.AssertProblem(response, body, status);
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    // Every row of every table, hashed, read through a connection of the test's own.
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly;Pooling=False");
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM \"{table}\" ORDER BY rowid"))
            {
                text.Append(table).Append('|').AppendJoin('|', row.Values).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
