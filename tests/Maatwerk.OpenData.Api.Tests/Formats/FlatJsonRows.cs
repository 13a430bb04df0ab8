using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// The JSON answer of a query as the download formats lay it out: every row of every page, nested objects
/// (single-valued expansions) flattened by path (<c>company.name</c>), null as empty text, strings as their
/// value, numbers as the caller writes them, anything else (lists, booleans) as its JSON text.
/// </summary>
internal static class FlatJsonRows
{
    public static async Task<List<Dictionary<string, string>>> ReadAsync(HttpClient client, string url, Func<JsonElement, string> number)
    {
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in (await client.WalkAsync(url)).Rows)
        {
            var flat = new Dictionary<string, string>();
            Flatten(row, string.Empty, flat, number);
            rows.Add(flat);
        }

        return rows;
    }

    private static void Flatten(JsonElement value, string prefix, Dictionary<string, string> into, Func<JsonElement, string> number)
    {
        foreach (var property in value.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)))
        {
            var path = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, path + ".", into, number);
                    break;
                case JsonValueKind.Null:
                    into[path] = string.Empty;
                    break;
                case JsonValueKind.String:
                    into[path] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    into[path] = number(property.Value);
                    break;
                default:
                    into[path] = property.Value.GetRawText();
                    break;
            }
        }
    }
}
