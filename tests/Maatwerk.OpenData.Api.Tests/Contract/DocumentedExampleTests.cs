using System.Net;
using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>Every example value in the committed OpenAPI document works: each one, sent on its own, is answered with data.</summary>
public sealed class DocumentedExampleTests(ApiFactory api)
{
    public static TheoryData<string> Requests()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "openapi", "v1.json")));
        var server = document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString();
        var requests = new TheoryData<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var parameters = path.Value.GetProperty("get").TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var url = server + parameters.Where(q => q.GetProperty("in").GetString() == "path")
                .Aggregate(path.Name, (u, q) => u.Replace("{" + q.GetProperty("name").GetString() + "}", Example(q), StringComparison.Ordinal));
            requests.Add(url);
            foreach (var query in parameters.Where(q => q.GetProperty("in").GetString() == "query" && q.TryGetProperty("example", out _)))
            {
                requests.Add($"{url}?{query.GetProperty("name").GetString()}={Uri.EscapeDataString(Example(query))}");
            }
        }

        return requests;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Example_FromTheDocument_IsAnsweredWithData(string url)
    {
        using var response = await api.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.NotEmpty(body);
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && body.Contains("\"value\":[", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body);
            Assert.True(json.RootElement.GetProperty("value").GetArrayLength() > 0, $"{url} returned no rows.");
        }
    }

    private static string Example(JsonElement parameter)
    {
        var example = parameter.GetProperty("example");
        return example.ValueKind switch
        {
            JsonValueKind.String => example.GetString()!,
            JsonValueKind.True => "true",
            _ => example.GetRawText(),
        };
    }
}
