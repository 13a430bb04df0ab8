using System.Net.Http.Headers;
using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Small helpers to read the API as a client does.</summary>
internal static class ApiJson
{
    /// <summary>A GET with the given request headers (sent unvalidated, as a client may write them), and its body as JSON.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(this HttpClient client, string url, params (string Name, string? Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        foreach (var (name, value) in headers.Where(h => h.Value is not null))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    /// <summary>Every row of a collection query, following @odata.nextLink to the end.</summary>
    public static async Task<(List<JsonElement> Rows, int Pages, long? Count)> WalkAsync(this HttpClient client, string url)
    {
        var rows = new List<JsonElement>();
        long? count = null;
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            Assert.True(pages < 100, $"More than 100 pages for {url}");
            var (response, body) = await client.GetJsonAsync(next);
            Assert.True(response.IsSuccessStatusCode, $"{next}: {(int)response.StatusCode} {body}");
            rows.AddRange(body.GetProperty("value").EnumerateArray());
            if (pages == 0 && body.TryGetProperty("@odata.count", out var c))
            {
                count = c.GetInt64();
            }

            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return (rows, pages, count);
    }

    public static string[] Ids(this IEnumerable<JsonElement> rows) => rows.Select(r => r.GetProperty("id").GetString()!).ToArray();

    public static void AssertProblem(HttpResponseMessage response, JsonElement body, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    /// <summary>
    /// Checks an error in either of its forms, problem details or the OData error object (for OData
    /// clients), and gives its message.
    /// </summary>
    public static string AssertError(HttpResponseMessage response, JsonElement body, int status, bool odataClient)
    {
        if (!odataClient)
        {
            AssertProblem(response, body, status);
            return body.GetProperty("detail").GetString()!;
        }

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = body.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("code").GetString()));
        return error.GetProperty("message").GetString()!;
    }

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
