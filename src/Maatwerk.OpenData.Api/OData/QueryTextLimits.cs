using System.Globalization;
using Maatwerk.OpenData.Query;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Limits on the text of a request's query options, checked before ODataLib parses anything. ODataLib
/// substitutes a parameter alias wherever it is named, recursively, and only then counts nodes: a
/// 700-byte request whose aliases each name the next one twice (<c>@a0=(@a1 or @a1)&amp;@a1=(@a2 or @a2)...</c>)
/// becomes a tree of 2^30 nodes. Here the size every option reaches once its aliases are substituted is
/// computed from the text alone (linear in the query length), and a request beyond a limit is a 400
/// (<see cref="InvalidQueryException"/>) that names the limit, before any tree is built.
/// </summary>
public static class QueryTextLimits
{
    /// <summary>Checks every OData request's query string against <see cref="QueryLimits"/>.</summary>
    public static IApplicationBuilder UseQueryTextLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<QueryLimits>>().Value;
        return app.Use(async (context, next) =>
        {
            if (Versioning.VersionedPaths.IsOData(context.Request.Path))
            {
                Check(context.Request, limits);
            }

            await next(context);
        });
    }

    /// <summary>Throws <see cref="InvalidQueryException"/> when the request's query text is beyond a limit.</summary>
    public static void Check(HttpRequest request, QueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var length = request.QueryString.Value?.Length ?? 0;
        if (length > limits.MaxQueryLength)
        {
            throw new InvalidQueryException(
                $"The query string limit of {Number(limits.MaxQueryLength)} characters has been exceeded ({Number(length)}).");
        }

        CheckOptionNames(request.Query);

        // Alias names are matched without regard to case, as option names are: that can only over-count.
        var aliases = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            if (name.StartsWith('@'))
            {
                if (!aliases.TryGetValue(name[1..], out var list))
                {
                    aliases[name[1..]] = list = [];
                }

                list.AddRange(values.OfType<string>());
            }
        }

        if (aliases.Count > limits.MaxAliases)
        {
            throw new InvalidQueryException($"The parameter alias limit of {limits.MaxAliases} has been exceeded ({aliases.Count} aliases).");
        }

        var expansion = new AliasExpansion(aliases, limits);
        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values.OfType<string>())
            {
                var size = expansion.Measure(value);
                if (size.Length > limits.MaxExpandedLength)
                {
                    throw new InvalidQueryException(
                        $"The query option {name} exceeds the limit of {Number(limits.MaxExpandedLength)} characters once its parameter aliases are substituted.");
                }

                if (size.Nesting > limits.MaxNestingDepth)
                {
                    throw new InvalidQueryException(
                        $"The nesting limit of {limits.MaxNestingDepth} parentheses has been exceeded in the query option {name}.");
                }
            }
        }
    }

    // A system query option or alias once, with a value, and no option without a name: ODataLib's
    // option reader fails on anything else instead of saying what is wrong.
    private static void CheckOptionNames(IQueryCollection query)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in query)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidQueryException("A query option has no name ('=value' or '&&'); remove it.");
            }

            // OData 4.01: system query options with or without '$', in any case.
            var trimmed = name.Trim();
            var normalized = trimmed.StartsWith('@') ? trimmed : "$" + (trimmed.StartsWith('$') ? trimmed[1..] : trimmed);
            if (!trimmed.StartsWith('@') && !QuerySpecFactory.SystemQueryOptions.Contains(normalized))
            {
                continue;
            }

            if (values.Count > 1 || !seen.Add(normalized))
            {
                throw new InvalidQueryException($"The query option {normalized} is given more than once; give it once.");
            }

            if (string.IsNullOrEmpty(values.ToString()))
            {
                throw new InvalidQueryException($"The query option {normalized} cannot be empty.");
            }
        }
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What an option's text becomes with its aliases substituted: its length, nesting and alias depth.</summary>
    private readonly record struct Size(long Length, int Nesting, int Depth);

    /// <summary>Sizes of the aliases, each computed once (so the work is linear however often an alias is named).</summary>
    private sealed class AliasExpansion(Dictionary<string, List<string>> aliases, QueryLimits limits)
    {
        private readonly Dictionary<string, Size> sizes = new(StringComparer.OrdinalIgnoreCase);

        private readonly HashSet<string> inProgress = new(StringComparer.OrdinalIgnoreCase);

        public Size Measure(string text)
        {
            long length = text.Length;
            var nesting = 0;
            var depth = 0;
            var parentheses = 0;
            var inString = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\'')
                {
                    // A doubled quote inside a string closes and reopens it, which leaves the state as it was.
                    inString = !inString;
                }
                else if (inString)
                {
                    continue;
                }
                else if (c == '(')
                {
                    nesting = Math.Max(nesting, ++parentheses);
                }
                else if (c == ')')
                {
                    parentheses = Math.Max(0, parentheses - 1);
                }
                else if (c == '@')
                {
                    var end = i + 1;
                    while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                    {
                        end++;
                    }

                    var name = text[(i + 1)..end];
                    if (name.Length > 0 && aliases.ContainsKey(name))
                    {
                        var alias = Alias(name);
                        length = Math.Min(length - (end - i) + alias.Length, long.MaxValue / 4);
                        nesting = Math.Max(nesting, parentheses + alias.Nesting);
                        depth = Math.Max(depth, alias.Depth);
                    }

                    i = end - 1;
                }
            }

            return new Size(length, nesting, depth);
        }

        private Size Alias(string name)
        {
            if (sizes.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!inProgress.Add(name))
            {
                throw new InvalidQueryException($"The parameter alias @{name} refers to itself.");
            }

            var size = new Size(0, 0, 0);
            foreach (var value in aliases[name])
            {
                var measured = Measure(value);
                size = new Size(Math.Max(size.Length, measured.Length), Math.Max(size.Nesting, measured.Nesting), Math.Max(size.Depth, measured.Depth + 1));
            }

            if (size.Depth > limits.MaxAliasDepth)
            {
                throw new InvalidQueryException(
                    $"The parameter alias depth limit of {limits.MaxAliasDepth} has been exceeded: @{name} refers to aliases {size.Depth - 1} deep.");
            }

            inProgress.Remove(name);
            sizes[name] = size;
            return size;
        }
    }
}
