using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Compares JSON values as values: numbers by magnitude, objects by their non-annotation members.</summary>
internal static class JsonEquality
{
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            return expected.GetDecimal() == actual.GetDecimal() ? null : $"{path}: {expected} != {actual}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} {expected} != {actual.ValueKind} {actual}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = Members(expected);
                var a = Members(actual);
                if (!e.Keys.Order(StringComparer.Ordinal).SequenceEqual(a.Keys.Order(StringComparer.Ordinal)))
                {
                    return $"{path}: properties [{string.Join(",", e.Keys)}] != [{string.Join(",", a.Keys)}]";
                }

                return e.Keys.Select(k => Difference(e[k], a[k], $"{path}.{k}")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                var ea = expected.EnumerateArray().ToList();
                var aa = actual.EnumerateArray().ToList();
                return ea.Count != aa.Count
                    ? $"{path}: {ea.Count} items != {aa.Count} items"
                    : ea.Zip(aa).Select((p, i) => Difference(p.First, p.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                return expected.ToString() == actual.ToString() ? null : $"{path}: {expected} != {actual}";
        }
    }

    private static Dictionary<string, JsonElement> Members(JsonElement element) =>
        element.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)).ToDictionary(p => p.Name, p => p.Value);
}
