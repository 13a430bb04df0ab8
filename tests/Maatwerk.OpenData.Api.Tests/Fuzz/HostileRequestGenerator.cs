using System.Globalization;
using System.Text;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.Tests.Fuzz;

/// <summary>One generated request: method, path with query (as sent, already percent-encoded where it is), headers.</summary>
internal sealed record HostileRequest(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public override string ToString() =>
        $"{Method} {Url}" + string.Concat(Headers.Select(h => $" [{h.Key}: {h.Value}]"));
}

/// <summary>
/// Generates hostile requests from a seed: valid queries over the v1 model, then broken, stretched or
/// loaded with injection attempts, odd Unicode, invalid percent-encoding, huge numbers, deep nesting,
/// aliases of every shape, duplicated and empty options, damaged skip tokens, odd methods and headers.
/// The same seed gives the same requests, so a failure can be replayed.
/// </summary>
internal sealed class HostileRequestGenerator(int seed)
{
    private static readonly string[] OptionNames =
        ["$filter", "$orderby", "$top", "$skip", "$count", "$select", "$expand", "$apply", "$format", "$skiptoken", "$search", "$compute",
         "$levels", "$id", "$index", "$deltatoken", "$schemaversion", "filter", "$FILTER", "Top", "$", "", "$$filter", "$filter ", "@", "@@a", "%24filter", "$unknown"];

    private static readonly string[] Injections =
        ["'; DROP TABLE company; --", "' OR '1'='1", "1 OR 1=1", "\" OR \"\"=\"", "1; DELETE FROM status_change", "x') UNION SELECT name FROM sqlite_master --",
         "'||(SELECT sqlite_version())||'", "1 WAITFOR DELAY '0:0:5'", "randomblob(1000000000)", "ATTACH DATABASE '/tmp/x' AS x", "*/ SELECT 1 /*",
         "`id`", "[id]", "$it", "$this", "$root/companies", "@odata.context", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "${jndi:ldap://x}", "<script>alert(1)</script>",
         "%0d%0aSet-Cookie:%20x=1", "\\u0000", "PRAGMA writable_schema=1", "load_extension('x')"];

    private static readonly string[] OddText =
        ["%00", "%ff", "%fe%ff", "%c0%af", "%ed%a0%80", "%f4%90%80%80", "%e2%80%ae", "%e2%80%8b", "%ef%bb%bf", "%f0%9f%92%a9", "%cc%81%cc%81%cc%81", "%", "%2", "%G1", "%%",
         "%u0041", "%25", "+", "%2B", "%26", "%3D", "%23", "%27", "%22", "%5C", "%0A", "%0D", "%09", "%7F", "%C3%A9", "%E6%97%A5%E6%9C%AC", "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"];

    private static readonly string[] Numbers =
        ["0", "-0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999999999999999999999",
         "1e308", "1e309", "-1e309", "1.7976931348623157E+308", "4.9E-324", "NaN", "INF", "-INF", "0x10", "1_000", "1,000", "١٢٣", "1.", ".5", "1e", "1m", "1L", "1d", "1f",
         "79228162514264337593543950336", "0.0000000000000000000000000000001", "00000000000000000000001", "+1", "--1", "1-1", "null", "true", "max"];

    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "GET", "GET", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "MERGE", "get", "FOO"];

    private readonly Random random = new(seed);

    public HostileRequest Next()
    {
        var resource = Pick(V1.Definition.Resources);
        // Kestrel refuses a NUL in the path before the service sees it; the test host throws instead.
        var path = Path(resource).Replace("%00", "%01", StringComparison.Ordinal);
        var options = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Option(resource.Table)).ToList();
        if (Chance(0.1))
        {
            options.Add(Pick(options.DefaultIfEmpty("$top=1").ToList()));
        }

        var query = string.Join(Chance(0.05) ? Pick(["&&", ";", "&amp;", "?"]) : "&", options);
        var url = path + (query.Length > 0 || Chance(0.05) ? "?" + query : string.Empty);
        return new HostileRequest(Pick(Methods), url, Headers());
    }

    private string Path(ResourceDefinition resource)
    {
        var root = "/v1/" + (Chance(0.2) ? resource.Table.EntitySet : resource.Path);
        var key = Chance(0.6) ? resource.Examples.Id : Mangle(Pick([resource.Examples.Id, "x", "'", "''", "nobian' or '1'='1", "%2F", "..", "%00", new string('k', random.Next(100, 3000))]));
        return random.Next(14) switch
        {
            0 => root + "/" + key,
            1 => root + "('" + key + "')",
            2 => root + "(" + Pick(Numbers) + ")",
            3 => root + "/$count",
            4 => root + "/" + key + "/" + Pick(resource.Table.Columns).Property + (Chance(0.3) ? "/$value" : string.Empty),
            5 => root + "/" + key + "/" + Pick(resource.Table.Navigations.Select(n => n.Property).DefaultIfEmpty("x").ToList()),
            6 => Pick(["/v1", "/v1/", "/v1/$metadata", "/v1/$batch", "/v1/$entity", "/v1/$all", "/v1/$crossjoin(companies,phases)", "/v1/openapi.json", "/v2/companies", "/v0", "/v1//companies", "/V1/companies"]),
            7 => root + "/" + key + "/status-changes" + (Chance(0.3) ? "/$count" : string.Empty),
            8 => root + "/" + Mangle(Pick(Injections)),
            9 => root + Pick(["/", "//", "/$ref", "/$value", "/$filter(id eq 'x')", "/$each", "/" + Pick(OddText), "(" + Pick(OddText) + ")"]),
            _ => root,
        };
    }

    private string Option(EntityMap table)
    {
        var name = Chance(0.8) ? Pick(OptionNames[..12]) : Pick(OptionNames);
        var value = name.TrimStart('$').ToLowerInvariant() switch
        {
            "filter" => Filter(table, depth: 0),
            "orderby" => string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Property(table) + Pick(["", " desc", " asc", " DESC", " sideways"]))),
            "top" or "skip" or "index" or "levels" => Pick(Numbers),
            "count" => Pick(["true", "false", "TRUE", "1", "yes", "", Pick(Numbers)]),
            "select" => string.Join(",", Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick([Property(table), "*", "", "$it", "sites($select=province)", "id($top=1)"]))),
            "expand" => Expand(table, random.Next(0, 6)),
            "apply" => Apply(table),
            "format" => Pick(["json", "xml", "atom", "application/json;odata.metadata=full", "csv", "application/json;odata.streaming=true", Pick(OddText)]),
            "skiptoken" => SkipToken(),
            _ => Chance(0.5) ? Filter(table, 0) : Pick(Injections),
        };

        if (Chance(0.3))
        {
            return Aliases(name, value);
        }

        return Chance(0.1) ? name : name + "=" + Mangle(value);
    }

    private string Filter(EntityMap table, int depth)
    {
        if (depth > 3 || Chance(0.3))
        {
            return Comparison(table);
        }

        return random.Next(10) switch
        {
            0 => $"({Filter(table, depth + 1)}) and ({Filter(table, depth + 1)})",
            1 => $"not ({Filter(table, depth + 1)})",
            2 => $"{Pick(table.Navigations.Select(n => n.Property).DefaultIfEmpty("sites").ToList())}/{Pick(["any", "all", "Any", "count"])}(x: {Pick(["x/id eq 'x'", "true", "x eq null", "x/sources/any(y: y/id eq 's001')", "$it/id eq x/id"])})",
            3 => Nested(random.Next(1, 40), Comparison(table)),
            4 => string.Join(" or ", Enumerable.Range(0, random.Next(2, 80)).Select(i => $"id eq 'v{i}'")),
            5 => $"{Pick(["contains", "startswith", "endswith", "indexof", "substring", "concat", "length", "tolower", "year", "round", "cast", "isof", "geo.distance", "matchesPattern", "fractionalseconds", "now", "maxdatetime"])}({Property(table)},{Literal()})",
            6 => Property(table) + " in (" + string.Join(",", Enumerable.Range(0, random.Next(0, 30)).Select(_ => Literal())) + ")",
            7 => $"{Property(table)} {Pick(["add", "sub", "mul", "div", "mod", "divby"])} {Pick(Numbers)} {Pick(["eq", "gt", "has"])} {Pick(Numbers)}",
            8 => Pick(Injections),
            _ => Comparison(table),
        };
    }

    private string Comparison(EntityMap table) =>
        $"{Property(table)} {Pick(["eq", "ne", "gt", "ge", "lt", "le", "has", "like", "=", "=="])} {Literal()}";

    private string Literal() => random.Next(9) switch
    {
        0 => Pick(Numbers),
        1 => "'" + Pick(Injections).Replace("'", "''", StringComparison.Ordinal) + "'",
        2 => "'" + new string(Pick(['x', 'é', '\'', '%', '_', '[']), random.Next(0, 5000)) + "'",
        3 => Pick(["null", "true", "false", "2025-01-01", "2025-13-45", "9999-12-31", "0001-01-01", "2025-01-01T00:00:00Z", "duration'P1D'", "binary'AA=='", "geography'POINT(0 0)'", "12:00:00"]),
        4 => "'" + Pick(OddText) + "'",
        5 => "@" + Pick(["a", "b", "a0", "missing", "", "@", "1"]),
        6 => Pick(Injections),
        7 => "'unterminated",
        _ => "'steel'",
    };

    private string Property(EntityMap table) => random.Next(8) switch
    {
        0 => Pick(["", "$it", "id/id", "company/sector", "currentPhase/nameNl", "sites/province", "sourceIds", "Name", "ID", "_", "x" + Pick(OddText)]),
        1 => new string('p', random.Next(1, 2000)),
        _ => Pick(table.Columns).Property,
    };

    private string Expand(EntityMap table, int depth)
    {
        var navigation = Chance(0.85) ? Pick(table.Navigations.Select(n => n.Property).DefaultIfEmpty("x").ToList()) : Pick(["*", "$ref", "x", "id", "*/$ref", ""]);
        if (depth == 0)
        {
            return navigation;
        }

        var options = new List<string>();
        if (Chance(0.5))
        {
            options.Add("$top=" + Pick(Numbers));
        }

        if (Chance(0.4))
        {
            options.Add("$filter=" + Comparison(table));
        }

        if (Chance(0.5))
        {
            options.Add("$expand=" + Expand(table, depth - 1));
        }

        if (Chance(0.2))
        {
            options.Add(Pick(["$levels=max", "$count=true", "$orderby=id desc", "$select=id", "$skip=1", "$search=x", "$apply=groupby((id))", "", "$top=1;$top=2"]));
        }

        return navigation + (options.Count > 0 || Chance(0.2) ? "(" + string.Join(Pick([";", ",", "&"]), options) + ")" : string.Empty);
    }

    private string Apply(EntityMap table) => random.Next(8) switch
    {
        0 => $"groupby(({Property(table)}),aggregate({Property(table)} with {Pick(["sum", "min", "max", "average", "countdistinct", "median", "std"])} as {Pick(["total", "id", "x y", "$count", ""])}))",
        1 => string.Join("/", Enumerable.Range(0, random.Next(1, 12)).Select(_ => $"filter({Comparison(table)})")),
        2 => $"aggregate($count as {Pick(["n", "id", ""])})",
        3 => $"groupby(({string.Join(",", Enumerable.Range(0, random.Next(0, 8)).Select(_ => Property(table)))}))",
        4 => Pick(["compute(1 as x)", "topcount(1,id)", "expand(statusChanges)", "search(x)", "concat(filter(true),filter(false))", "identity", "groupby((rollup(sector)))", "", "/", "groupby"]),
        5 => Nested(random.Next(1, 30), "groupby((id))"),
        _ => $"filter({Filter(table, 1)})/groupby((sector),aggregate($count as n))",
    };

    private string SkipToken()
    {
        var json = Pick(["{\"o\":\"id\",\"v\":[\"x\"]}", "{\"o\":\"id\",\"v\":[1e400]}", "{\"o\":\"id\",\"v\":[]}", "{\"o\":1}", "[]", "null", "{\"o\":\"id\",\"v\":[{\"a\":1}]}",
            "{\"o\":\"programmeOrder,id\",\"v\":[\"x\",true]}", "{\"o\":\"id\",\"v\":[\"" + new string('x', 3000) + "\"]}", "{\"o\":\"periodStart,id\",\"v\":[\"2025-99-99\",\"x\"]}", "{"]);
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return random.Next(5) switch
        {
            0 => token[..random.Next(token.Length + 1)],
            1 => token + Pick(["=", "==", "!", "%", "*", "\u00e9"]),
            2 => Pick(["", "x", "AAAA", "////", new string('A', 6000), "eyJvIjoi"]),
            _ => token,
        };
    }

    // Parameter aliases: chains, fan-out, cycles, self-reference, missing, unused, duplicated, too many, nested in $expand.
    private string Aliases(string option, string value)
    {
        var levels = random.Next(1, 30);
        var fanOut = random.Next(1, 4);
        var chain = Enumerable.Range(0, levels)
            .Select(i => $"@a{i}=(" + string.Join(Pick([" or ", " and ", ","]), Enumerable.Repeat($"@a{i + 1}", fanOut)) + ")");
        return random.Next(7) switch
        {
            0 => $"{option}=@a0&" + string.Join("&", chain) + $"&@a{levels}={Pick(["true", "id eq 'x'", "@a0", Pick(Numbers)])}",
            1 => $"{option}=@a&@a=@a",
            2 => $"{option}=@a&@a=@b&@b=@c&@c=@a",
            3 => $"{option}=@a&@a={Mangle(value)}&@a={Pick(Injections)}",
            4 => $"{option}={Mangle(value)}&" + string.Join("&", Enumerable.Range(0, random.Next(1, 40)).Select(i => $"@p{i}={Literal()}")),
            5 => $"$expand=statusChanges($filter=@f;$top=@t)&@f={value}&@t={Pick(Numbers)}",
            _ => $"{option}=@{Pick(["", "@", "a b", "1", "a.b", "a(", "\u00e9"])}&@={value}",
        };
    }

    private static string Nested(int depth, string inner) => new string('(', depth) + inner + new string(')', depth);

    // Damage a value: cut it, repeat it, splice noise into it, or leave it.
    private string Mangle(string value)
    {
        var text = random.Next(12) switch
        {
            0 when value.Length > 0 => value[..random.Next(value.Length)],
            1 => value.Insert(random.Next(value.Length + 1), Pick(OddText)),
            2 => value.Insert(random.Next(value.Length + 1), Pick(["(", ")", "'", ",", "/", ";", "$", "@", "=", "&", " ", "\t", "*"])),
            3 => string.Concat(Enumerable.Repeat(value, random.Next(2, 20))),
            4 => value + new string('9', random.Next(1, 9000)),
            _ => value,
        };

        // Characters a URL cannot hold raw are sent percent-encoded; '%' stays as generated, valid or not.
        var encoded = new StringBuilder(text.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is < 0x21 or > 0x7E or '#' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
            {
                var count = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..count])
                {
                    encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                encoded.Append(rune.ToString());
            }
        }

        return encoded.ToString();
    }

    private List<KeyValuePair<string, string>> Headers()
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var _ in Enumerable.Range(0, random.Next(0, 4)))
        {
            headers.Add(random.Next(12) switch
            {
                0 => new("Accept", Pick(["application/json;odata.metadata=full", "application/xml", "text/csv", "*/*", "application/json;q=0", "application/json;odata.metadata=none;odata.streaming=true",
                    "application/json;IEEE754Compatible=true", ";;;", "application/json;q=abc", "application/*", "text/html,application/xhtml+xml", new string('a', 4000)])),
                1 => new("Prefer", Pick(["odata.maxpagesize=0", "odata.maxpagesize=-1", "odata.maxpagesize=99999999999", "maxpagesize=1", "return=minimal", "odata.track-changes", "wait=100000", "respond-async", "odata.include-annotations=\"*\"", "=,=,", "odata.maxpagesize"])),
                2 => new("OData-MaxVersion", Pick(["4.0", "4.01", "3.0", "5", "x", "", "4.0.0.0", "-1", "1e9"])),
                3 => new("OData-Version", Pick(["4.0", "4.01", "2.0", "x", "9999999999999999999999"])),
                4 => new("If-None-Match", Pick(["*", "W/\"x\"", "\"", "W/", "W/\"" + new string('e', 2000) + "\""])),
                5 => new("If-Match", Pick(["*", "\"x\""])),
                6 => new("Isolation", "snapshot"),
                7 => new("Range", Pick(["bytes=0-10", "bytes=-1", "rows=1-2"])),
                8 => new("X-HTTP-Method-Override", Pick(["DELETE", "PUT", "PATCH"])),
                9 => new("X-Forwarded-Host", Pick(["evil.example", "x" + new string('.', 100)])),
                10 => new("Accept-Charset", Pick(["utf-16", "ebcdic", "*;q=0"])),
                _ => new("Origin", Pick(["https://evil.example", "null", "file://"])),
            });
        }

        return headers;
    }

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
