using System.Globalization;
using System.Text;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.Tests.Differential;

/// <summary>
/// Generates random, valid OData queries over the v1 model from a seed: filters with every operator,
/// function, navigation path and lambda the engine supports, ordering, paging and selection. Literal
/// values are drawn from the data itself (and perturbed), so that filters select something.
/// </summary>
internal sealed class QueryGenerator(int seed, OracleData data)
{
    private readonly Random random = new(seed);

    public (string Path, string Query) Next()
    {
        var resource = Pick(V1.Definition.Resources);
        var table = resource.Table;
        if (Chance(0.15))
        {
            return (resource.Path, Encode(Apply(table)));
        }

        var options = new List<string>();
        if (Chance(0.85))
        {
            options.Add("$filter=" + Condition(table, "$it", depth: 0, lambdaDepth: 0));
        }

        if (Chance(0.5))
        {
            var keys = Shuffle(table.Columns.Where(c => c.Sortable)).Take(random.Next(1, 4))
                .Select(c => c.Property + (Chance(0.5) ? " desc" : string.Empty));
            options.Add("$orderby=" + string.Join(",", keys));
        }

        if (Chance(0.3))
        {
            options.Add("$select=" + string.Join(",", Shuffle(table.Columns).Take(random.Next(1, 5)).Select(c => c.Property)));
        }

        if (Chance(0.3))
        {
            options.Add("$top=" + random.Next(0, 40).ToString(CultureInfo.InvariantCulture));
        }

        if (Chance(0.25))
        {
            options.Add("$skip=" + random.Next(0, 30).ToString(CultureInfo.InvariantCulture));
        }

        if (Chance(0.3))
        {
            options.Add("$count=true");
        }

        if (Chance(0.35))
        {
            options.Add("$expand=" + Expand(table, level: 1));
        }

        return (resource.Path, Encode(Shuffle(options)));
    }

    private List<string> Apply(EntityMap table)
    {
        var steps = new List<string>();
        while (steps.Count < 3 && Chance(0.4))
        {
            steps.Add($"filter({Condition(table, "$it", depth: 1, lambdaDepth: 1)})");
        }

        var groups = new List<string>();
        if (Chance(0.8))
        {
            foreach (var _ in Enumerable.Range(0, random.Next(1, 3)))
            {
                var navigation = table.Navigations.Where(n => !n.IsCollection).ToList();
                var group = navigation.Count > 0 && Chance(0.3)
                    ? Pick(navigation) is var n ? $"{n.Property}/{Pick(n.Target().Columns.Where(c => c.Sortable).ToList()).Property}" : null
                    : Pick(table.Columns.Where(c => c.Sortable).ToList()).Property;
                if (!groups.Contains(group!))
                {
                    groups.Add(group!);
                }
            }
        }

        var aggregates = new List<string>();
        var numbers = table.Columns.Where(c => c.Kind is ColumnKind.Int32 or ColumnKind.Decimal).ToList();
        foreach (var i in Enumerable.Range(0, groups.Count == 0 ? random.Next(1, 4) : random.Next(0, 4)))
        {
            var alias = "a" + i.ToString(CultureInfo.InvariantCulture);
            aggregates.Add(random.Next(4) switch
            {
                0 when numbers.Count > 0 => $"{Pick(numbers).Property} with {Pick(["sum", "min", "max", "average"])} as {alias}",
                1 => $"{Pick(table.Columns.Where(c => c.Kind != ColumnKind.JsonArray).ToList()).Property} with countdistinct as {alias}",
                2 => $"{Pick(table.Columns.Where(c => c.Sortable).ToList()).Property} with {Pick(["min", "max"])} as {alias}",
                _ => $"$count as {alias}",
            });
        }

        var aggregate = aggregates.Count > 0 ? $"aggregate({string.Join(",", aggregates)})" : null;
        steps.Add(groups.Count > 0
            ? $"groupby(({string.Join(",", groups)}){(aggregate is null ? string.Empty : "," + aggregate)})"
            : aggregate!);
        var options = new List<string> { "$apply=" + string.Join("/", steps) };

        // A full order (the API ends every order with the grouping values; ApplyTo must be told).
        if (groups.Count > 0)
        {
            var first = Chance(0.5) && aggregates.Count > 0
                ? aggregates[random.Next(aggregates.Count)].Split(" as ")[^1] + (Chance(0.5) ? " desc" : string.Empty)
                : null;
            options.Add("$orderby=" + string.Join(",", (first is null ? [] : new[] { first }).Concat(groups)));
        }

        if (Chance(0.3))
        {
            options.Add("$top=" + random.Next(0, 10).ToString(CultureInfo.InvariantCulture));
        }

        if (Chance(0.2))
        {
            options.Add("$skip=" + random.Next(0, 5).ToString(CultureInfo.InvariantCulture));
        }

        if (Chance(0.3))
        {
            options.Add("$count=true");
        }

        return options;
    }

    private string Expand(EntityMap table, int level)
    {
        var items = new List<string>();
        foreach (var navigation in Shuffle(table.Navigations).Take(random.Next(1, 3)))
        {
            var target = navigation.Target();
            var nested = new List<string>();
            if (Chance(0.4))
            {
                nested.Add("$select=" + string.Join(",", Shuffle(target.Columns).Take(random.Next(1, 4)).Select(c => c.Property)));
            }

            if (navigation.IsCollection)
            {
                if (Chance(0.4))
                {
                    nested.Add("$filter=" + Condition(target, "$it", depth: 1, lambdaDepth: 1));
                }

                if (Chance(0.4))
                {
                    nested.Add("$orderby=" + string.Join(",", Shuffle(target.Columns.Where(c => c.Sortable)).Take(random.Next(1, 3))
                        .Select(c => c.Property + (Chance(0.5) ? " desc" : string.Empty))));
                }

                if (Chance(0.3))
                {
                    nested.Add("$top=" + random.Next(0, 5).ToString(CultureInfo.InvariantCulture));
                }

                if (Chance(0.2))
                {
                    nested.Add("$skip=" + random.Next(0, 4).ToString(CultureInfo.InvariantCulture));
                }

                if (Chance(0.3))
                {
                    nested.Add("$count=true");
                }
            }

            // ApplyTo cannot expand further beneath a missing related row; the API gives null there.
            if (level < 2 && Chance(0.3) && (navigation.IsCollection || !navigation.Nullable))
            {
                nested.Add("$expand=" + Expand(target, level + 1));
            }

            items.Add(navigation.Property + (nested.Count > 0 ? "(" + string.Join(";", nested) + ")" : string.Empty));
        }

        return string.Join(",", items);
    }

    private string Condition(EntityMap table, string variable, int depth, int lambdaDepth)
    {
        if (depth < 2 && Chance(0.35))
        {
            var op = Chance(0.5) ? "and" : "or";
            return $"({Condition(table, variable, depth + 1, lambdaDepth)} {op} {Condition(table, variable, depth + 1, lambdaDepth)})";
        }

        if (depth < 3 && Chance(0.1))
        {
            return $"not ({Condition(table, variable, depth + 1, lambdaDepth)})";
        }

        var roll = random.NextDouble();
        if (roll < 0.12 && table.Navigations.Any(n => n.IsCollection) && lambdaDepth < 2)
        {
            return Lambda(table, variable, lambdaDepth);
        }

        if (roll < 0.2 && table.Navigations.Any(n => !n.IsCollection))
        {
            var navigation = Pick(table.Navigations.Where(n => !n.IsCollection).ToList());
            return Chance(0.15)
                ? $"{Path(variable, navigation.Property)} {(Chance(0.5) ? "eq" : "ne")} null"
                : Condition(navigation.Target(), Path(variable, navigation.Property), depth + 1, lambdaDepth);
        }

        if (roll < 0.26 && table.Columns.Any(c => c.Children is not null) && lambdaDepth < 2)
        {
            return ChildCondition(table, variable, lambdaDepth);
        }

        if (roll < 0.3 && table.Navigations.Any(n => n.IsCollection))
        {
            var navigation = Pick(table.Navigations.Where(n => n.IsCollection).ToList());
            return $"{Path(variable, navigation.Property)}/$count {Pick(Comparisons)} {random.Next(0, 6)}";
        }

        var column = Pick(table.Columns.Where(c => c.Filterable && c.Kind != ColumnKind.JsonArray).ToList());
        return column.Kind switch
        {
            ColumnKind.String => StringCondition(table, column, Path(variable, column.Property)),
            ColumnKind.Boolean => BooleanCondition(table, column, Path(variable, column.Property)),
            ColumnKind.Date => DateCondition(table, column, Path(variable, column.Property)),
            _ => NumberCondition(table, column, Path(variable, column.Property)),
        };
    }

    private string Lambda(EntityMap table, string variable, int lambdaDepth)
    {
        var navigation = Pick(table.Navigations.Where(n => n.IsCollection).ToList());
        var inner = "x" + lambdaDepth.ToString(CultureInfo.InvariantCulture);
        var collection = Path(variable, navigation.Property);
        if (Chance(0.15))
        {
            return $"{collection}/any()";
        }

        var body = Condition(navigation.Target(), inner, depth: 1, lambdaDepth + 1);
        return $"{collection}/{(Chance(0.6) ? "any" : "all")}({inner}: {body})";
    }

    private string ChildCondition(EntityMap table, string variable, int lambdaDepth)
    {
        var column = Pick(table.Columns.Where(c => c.Children is not null).ToList());
        var inner = "v" + lambdaDepth.ToString(CultureInfo.InvariantCulture);
        var values = Values(table, column.Property).SelectMany(v => ((System.Collections.IEnumerable)v!).Cast<object>()).ToList();
        var lambda = Chance(0.7) ? "any" : "all";
        if (column.Children!.IsScalar)
        {
            var id = values.Count > 0 && Chance(0.85) ? (string)Pick(values) : "s999";
            // ApplyTo cannot evaluate 'in' over a list reached through a missing related row; the API says unknown.
            return Chance(0.3) && IsRangeVariable(variable)
                ? $"{Literal(id)} in {Path(variable, column.Property)}"
                : $"{Path(variable, column.Property)}/{lambda}({inner}: {inner} {Pick(["eq", "ne", "lt", "gt"])} {Literal(id)})";
        }

        var field = Pick(column.Children.Fields);
        var texts = values.Select(v => (string?)v.GetType().GetProperty(Capitalize(field.Name!))!.GetValue(v)).ToList();
        var text = texts.Count > 0 ? Pick(texts) : null;
        var test = text is null || Chance(0.1)
            ? $"{inner}/{field.Name} eq null"
            : Chance(0.5) ? $"{inner}/{field.Name} eq {Literal(text)}" : $"contains({inner}/{field.Name},{Literal(Fragment(text))})";
        return $"{Path(variable, column.Property)}/{lambda}({inner}: {test})";
    }

    private string StringCondition(EntityMap table, ColumnMap column, string path)
    {
        var text = ValueOrNull(table, column) as string ?? "Zeeland";
        return random.Next(16) switch
        {
            0 => $"{path} {Pick(Comparisons)} null",
            1 => $"contains({path},{Literal(Fragment(text))})",
            2 => $"startswith({path},{Literal(Prefix(text))})",
            3 => $"endswith({path},{Literal(Suffix(text))})",
            4 => $"tolower({path}) {Pick(["eq", "ne", "lt", "ge"])} {Literal(Chance(0.5) ? text.ToLowerInvariant() : text)}",
            5 => $"toupper({path}) eq {Literal(text.ToUpperInvariant())}",
            6 => $"length({path}) {Pick(Comparisons)} {random.Next(0, 40)}",
            7 => $"indexof({path},{Literal(Fragment(text))}) {Pick(Comparisons)} {random.Next(-1, 10)}",
            8 => $"substring({path},{random.Next(-2, 12)}) {Pick(["eq", "ne", "gt"])} {Literal(text.Length > 3 ? text[3..] : text)}",
            9 => $"substring({path},{random.Next(-2, 8)},{random.Next(-1, 8)}) {Pick(["eq", "lt", "ge"])} {Literal(Prefix(text))}",
            10 => $"trim({path}) eq {path}",
            11 => $"concat({path},{Literal("-x")}) {Pick(["eq", "ne", "gt"])} {Literal(text + "-x")}",
            12 => $"{path} in ({string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => ValueOrNull(table, column) is string s ? Literal(s) : NullOr(column, "'none'")))})",
            13 => $"contains({path},{Literal(Chance(0.5) ? text.ToUpperInvariant() : "%")})",
            14 => $"{Literal(text)} {Pick(Comparisons)} {path}",
            _ => $"{path} {Pick(Comparisons)} {Literal(Chance(0.8) ? text : Perturb(text))}",
        };
    }

    private string BooleanCondition(EntityMap table, ColumnMap column, string path) => random.Next(5) switch
    {
        0 => path,
        1 => $"not {path}",
        2 => $"{path} eq null",
        3 => $"{path} in ({(Chance(0.5) ? "true" : "false")}{(Chance(0.3) ? "," + NullOr(column, "true") : string.Empty)})",
        _ => $"{path} {Pick(["eq", "ne"])} {(ValueOrNull(table, column) is bool b ? (b ? "true" : "false") : "null")}",
    };

    private string DateCondition(EntityMap table, ColumnMap column, string path)
    {
        var date = ValueOrNull(table, column) is DateOnly d ? d : new DateOnly(2025, 6, 30);
        return random.Next(5) switch
        {
            0 => $"year({path}) {Pick(Comparisons)} {date.Year + random.Next(-1, 2)}",
            1 => $"month({path}) {Pick(Comparisons)} {date.Month}",
            2 => $"day({path}) {Pick(Comparisons)} {date.Day}",
            3 => $"{path} {Pick(["eq", "ne"])} null",
            _ => $"{path} {Pick(Comparisons)} {date.AddDays(random.Next(-40, 40)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
    }

    private string NumberCondition(EntityMap table, ColumnMap column, string path)
    {
        var value = ValueOrNull(table, column) is { } v ? Convert.ToDecimal(v, CultureInfo.InvariantCulture) : 2030m;
        var number = column.Kind == ColumnKind.Int32 ? Number((int)value) : Number(value);
        var divisor = column.Kind == ColumnKind.Int32 ? random.Next(1, 5).ToString(CultureInfo.InvariantCulture) : Pick(["2", "0.5", "3"]);
        var other = Pick(table.Columns.Where(c => c.Kind is ColumnKind.Int32 or ColumnKind.Decimal).ToList());
        return random.Next(9) switch
        {
            0 => $"{path} {Pick(["eq", "ne"])} null",
            1 => $"{path} add {Pick(["1", "0.5", "-2"])} {Pick(Comparisons)} {number}",
            2 => $"{path} sub {Path(PathVariable(path), other.Property)} {Pick(Comparisons)} 0",
            3 => $"{path} mul {Pick(["2", "1.5", "-1"])} {Pick(Comparisons)} {number}",
            4 => $"{path} div {divisor} {Pick(Comparisons)} {number}",
            5 => $"{path} mod {divisor} {Pick(["eq", "ne"])} 0",
            6 => $"{path} in ({number},{Number(value + 1)})",
            7 => $"-{path} {Pick(Comparisons)} -{number}",
            _ => $"{path} {Pick(Comparisons)} {number}",
        };
    }

    private static readonly string[] Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];

    // ODataLib refuses null in an 'in' list over a property the model declares non-nullable.
    private static string NullOr(ColumnMap column, string otherwise) => column.Nullable ? "null" : otherwise;

    private static bool IsRangeVariable(string variable) => variable == "$it" || (variable.Length == 2 && variable[0] is 'x' or 'v');

    private static string Path(string variable, string property) => variable == "$it" ? property : $"{variable}/{property}";

    private static string PathVariable(string path) => path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : "$it";

    private object? ValueOrNull(EntityMap table, ColumnMap column)
    {
        var values = Values(table, column.Property).ToList();
        return values.Count == 0 || Chance(0.05) ? null : Pick(values);
    }

    private IEnumerable<object?> Values(EntityMap table, string property)
    {
        System.Collections.IEnumerable rows = table.EntitySet switch
        {
            "companies" => data.Companies,
            "phases" => data.Phases,
            "statusChanges" => data.StatusChanges,
            "agreedReductions" => data.AgreedReductions,
            "programmeEvents" => data.ProgrammeEvents,
            _ => data.Sources,
        };
        return rows.Cast<object>().Select(r => r.GetType().GetProperty(Capitalize(property))!.GetValue(r)).Where(v => v is not null);
    }

    private string Fragment(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        var start = random.Next(0, text.Length - 1);
        return text.Substring(start, random.Next(1, Math.Min(8, text.Length - start) + 1));
    }

    private string Prefix(string text) => text[..Math.Min(text.Length, random.Next(0, 6))];

    private string Suffix(string text) => text[Math.Max(0, text.Length - random.Next(0, 6))..];

    private string Perturb(string text) => text.Length == 0 ? "a" : text[..^1] + (char)(text[^1] + (Chance(0.5) ? 1 : -1));

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Capitalize(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private bool Chance(double probability) => random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private List<T> Shuffle<T>(IEnumerable<T> items) => [.. items.OrderBy(_ => random.Next())];

    /// <summary>The options as a query string with each value percent-encoded, as a client sends it.</summary>
    private static string Encode(IEnumerable<string> options)
    {
        var encoded = new StringBuilder();
        foreach (var option in options)
        {
            var split = option.IndexOf('=', StringComparison.Ordinal);
            encoded.Append(encoded.Length == 0 ? string.Empty : "&")
                .Append(option[..split]).Append('=').Append(Uri.EscapeDataString(option[(split + 1)..]));
        }

        return encoded.ToString();
    }
}
