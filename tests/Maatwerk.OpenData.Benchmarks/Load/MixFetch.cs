using System.Net;
using System.Text.Json;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>Reads the mix's answers from a running API: the bodies nginx serves, and the deep page's URL.</summary>
internal static class MixFetch
{
    /// <summary>The body and Content-Type of one request, which must answer 200.</summary>
    public static async Task<(byte[] Body, string ContentType)> BodyAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(Wrk.Encode(path), UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)])}");
        }

        return (body, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
    }

    /// <summary>Follows <c>@odata.nextLink</c> from the first page; returns the path and query of the given page.</summary>
    public static async Task<string> WalkAsync(HttpClient client, string first, int page, CancellationToken cancellationToken)
    {
        var path = first;
        for (var i = 1; i < page; i++)
        {
            await using var body = await client.GetStreamAsync(new Uri(Wrk.Encode(path), UriKind.Relative), cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("@odata.nextLink", out var next))
            {
                throw new InvalidOperationException($"{first} has only {i} pages, not {page}.");
            }

            path = new Uri(next.GetString()!).PathAndQuery;
        }

        return path;
    }
}
