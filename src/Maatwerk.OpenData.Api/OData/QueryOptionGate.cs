using Maatwerk.OpenData.Query;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Checks the system query options of an OData request before they are bound, where ODataLib would fail
/// with an exception that says nothing to the client: an option given twice (<c>$top=1&amp;top=2</c>,
/// <c>$select</c> and <c>select</c>, OData 4.01 names without '$' and in any case) and an option without
/// a value (<c>$skiptoken=</c>) are a 400 that names the option.
/// </summary>
public static class QueryOptionGate
{
    public static IApplicationBuilder UseQueryOptionGate(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (Versioning.VersionedPaths.IsOData(context.Request.Path))
            {
                Check(context.Request.Query);
            }

            return next(context);
        });

    /// <summary>Throws <see cref="InvalidQueryException"/> for a repeated or empty system query option.</summary>
    public static void Check(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in query)
        {
            var option = "$" + name.TrimStart('$');
            if (!QuerySpecFactory.IsSystemQueryOption(option))
            {
                continue;
            }

            if (values.Count > 1 || !seen.TryAdd(option, name))
            {
                var spellings = values.Count > 1 ? $"{name} {values.Count} times" : $"{seen[option]} and {name}";
                throw new InvalidQueryException($"The query option {option.ToLowerInvariant()} is given more than once ({spellings}); give it once.");
            }

            if (string.IsNullOrEmpty(values[0]))
            {
                throw new InvalidQueryException($"The query option {name} cannot be empty; give it a value or leave it out.");
            }
        }
    }
}
