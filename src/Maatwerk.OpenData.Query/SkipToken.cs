using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query;

/// <summary>
/// The opaque <c>$skiptoken</c> of a next link: the sort-key values of the last row of a page, so that
/// the next page starts right after it (keyset paging: page 1,000 costs what page 1 costs). It also
/// names the order it belongs to, so a token is never applied to another order.
/// </summary>
public static class SkipToken
{
    public static string Encode(IReadOnlyList<OrderKey> keys, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var token = new JsonObject
        {
            ["o"] = Signature(keys),
            ["v"] = new JsonArray(values.Select(v => v switch
            {
                null => null,
                DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(v),
            }).ToArray()),
        };
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token));
    }

    /// <summary>The last row's sort-key values, checked against the order of this request.</summary>
    public static IReadOnlyList<object?> Decode(string token, IReadOnlyList<OrderKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(Base64Url.DecodeFromChars(token ?? string.Empty));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidQueryException("The $skiptoken is not one this service issued; follow @odata.nextLink as given.");
        }

        // A token that decodes but is not ours (null, an array, other members) is refused like one of another order.
        if (parsed is not JsonObject issued
            || issued["o"] is not JsonValue order || !order.TryGetValue<string>(out var signature) || signature != Signature(keys)
            || issued["v"] is not JsonArray values || values.Count != keys.Count)
        {
            throw new InvalidQueryException("The $skiptoken belongs to another $orderby; follow @odata.nextLink as given.");
        }

        try
        {
            return keys.Select((k, i) => Value(values[i], k.Column.Kind)).ToList();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidQueryException("The $skiptoken is damaged; follow @odata.nextLink as given.");
        }
    }

    private static object? Value(JsonNode? node, ColumnKind kind) => node is null ? null : kind switch
    {
        ColumnKind.Boolean => node.GetValue<bool>(),
        ColumnKind.Int32 => node.GetValue<long>(),
        ColumnKind.Decimal => node.GetValue<decimal>(),
        ColumnKind.Date => DateOnly.ParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => node.GetValue<string>(),
    };

    private static string Signature(IReadOnlyList<OrderKey> keys) =>
        string.Join(",", keys.Select(k => k.Column.Property + (k.Descending ? " desc" : string.Empty)));
}
