using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Wrapper;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The test oracle: Microsoft's own <see cref="ODataQueryOptions{T}.ApplyTo(IQueryable)"/> over the same rows
/// in memory. Used only by tests, to show that the SQL the API runs gives the answers OData defines.
/// </summary>
internal static class Oracle
{
    /// <summary>The rows the query selects, in order, each as the JSON a client would see.</summary>
    public static List<JsonElement> Apply<T>(IReadOnlyList<T> rows, string query)
    {
        var applied = Options<T>(query).ApplyTo(rows.AsQueryable(), new ODataQuerySettings
        {
            HandleNullPropagation = HandleNullPropagationOption.True,
            EnsureStableOrdering = true,
        });
        var results = Ordinal(applied);

        return results.Cast<object>().AsEnumerable().Select(r => ToJson(r).Deserialize<JsonElement>()).ToList();
    }

    /// <summary>
    /// The JSON a client would see for an oracle result: the properties of an entity without its
    /// relationships (those appear only when expanded, through the select/expand wrappers).
    /// </summary>
    private static JsonNode? ToJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case DynamicTypeWrapper aggregated:
                var values = new JsonObject();
                foreach (var (name, member) in aggregated.Values)
                {
                    values[name] = ToJson(member);
                }

                return values;
            case ISelectExpandWrapper wrapper:
                var selected = new JsonObject();
                foreach (var (name, member) in wrapper.ToDictionary())
                {
                    selected[name] = ToJson(member);
                }

                return selected;
            case string or DateOnly or decimal or int or long or bool or double:
                return JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web);
            case System.Collections.IEnumerable items:
                return new JsonArray(items.Cast<object?>().Select(ToJson).ToArray());
            default:
                var entity = new JsonObject();
                foreach (var property in value.GetType().GetProperties())
                {
                    if (!IsNavigation(property.PropertyType))
                    {
                        entity[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = ToJson(property.GetValue(value));
                    }
                }

                return entity;
        }
    }

    private static bool IsNavigation(Type type)
    {
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
        return V1.Definition.Resources.Any(r => r.ContractType == element);
    }

    private static IQueryable Ordinal(IQueryable applied) => applied.Provider.CreateQuery(new OrdinalOrder().Visit(applied.Expression));

    /// <summary>
    /// The order the API promises for text: ordinal, by UTF-16 code unit, as both databases compare and
    /// sort it (the BINARY collation in SQLite, Latin1_General_100_BIN2 on every text column in SQL Server).
    /// ApplyTo compares and sorts strings with the current culture, so its expression is rewritten:
    /// string.Compare becomes string.CompareOrdinal, every OrderBy/ThenBy on a string key gets the ordinal
    /// comparer, and ToLower/ToUpper become their invariant forms. The answers then do not depend on the
    /// culture of the machine the tests run on.
    /// </summary>
    private sealed class OrdinalOrder : ExpressionVisitor
    {
        private static readonly HashSet<string> Sorts = ["OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending"];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            var method = visited.Method;
            if (method.DeclaringType == typeof(string))
            {
                return method.Name switch
                {
                    nameof(string.Compare) when visited.Arguments.Count == 2 =>
                        Expression.Call(typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!, visited.Arguments),
                    nameof(string.ToLower) when visited.Arguments.Count == 0 => Expression.Call(visited.Object!, nameof(string.ToLowerInvariant), null),
                    nameof(string.ToUpper) when visited.Arguments.Count == 0 => Expression.Call(visited.Object!, nameof(string.ToUpperInvariant), null),
                    _ => visited,
                };
            }

            // Max and Min of strings (aggregate ... with max) compare with the culture too.
            if (method.Name is "Max" or "Min" && method.DeclaringType == typeof(Enumerable) && visited.Arguments.Count == 2
                && method.GetGenericArguments() is [var element, var result] && result == typeof(string))
            {
                var select = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [element, typeof(string)], visited.Arguments[0], visited.Arguments[1]);
                var extreme = typeof(Enumerable).GetMethods()
                    .Single(m => m.Name == method.Name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1
                        && m.GetParameters() is [_, { ParameterType.IsGenericType: true } comparer] && comparer.ParameterType.GetGenericTypeDefinition() == typeof(IComparer<>))
                    .MakeGenericMethod(typeof(string));
                return Expression.Call(extreme, select, Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
            }

            if (!Sorts.Contains(method.Name) || visited.Arguments.Count != 2
                || method.DeclaringType is not { } owner || (owner != typeof(Queryable) && owner != typeof(Enumerable))
                || method.GetGenericArguments() is not [_, var key] || key != typeof(string))
            {
                return visited;
            }

            var withComparer = owner.GetMethods()
                .Single(m => m.Name == method.Name && m.GetParameters().Length == 3)
                .MakeGenericMethod(method.GetGenericArguments());
            return Expression.Call(withComparer, visited.Arguments[0], visited.Arguments[1], Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
        }
    }

    /// <summary>How many rows the query's $filter keeps (what @odata.count must say).</summary>
    public static int Count<T>(IReadOnlyList<T> rows, string query)
    {
        var options = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var counted = options.GetValueOrDefault("$apply") is { Count: > 0 } apply
            ? "$apply=" + Uri.EscapeDataString(apply.ToString())
            : options.GetValueOrDefault("$filter") is { Count: > 0 } filter ? "$filter=" + Uri.EscapeDataString(filter.ToString()) : string.Empty;
        return Ordinal(Options<T>(counted).ApplyTo(rows.AsQueryable())).Cast<object>().Count();
    }

    private static ODataQueryOptions<T> Options<T>(string query) => (ODataQueryOptions<T>)Options(typeof(T), query);

    /// <summary>Query options for a contract type, parsed against the v1 model outside any request pipeline.</summary>
    public static ODataQueryOptions Options(Type type, string query)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.QueryString = new QueryString("?" + query);
        var context = new ODataQueryContext(V1.Definition.Model, type, path: null);

        // As the service configures them (ODataSetup): these options are allowed, our own checks do the rest.
        context.DefaultQueryConfigurations.EnableFilter = true;
        context.DefaultQueryConfigurations.EnableOrderBy = true;
        context.DefaultQueryConfigurations.EnableSelect = true;
        context.DefaultQueryConfigurations.EnableCount = true;
        context.DefaultQueryConfigurations.EnableExpand = true;
        context.DefaultQueryConfigurations.MaxTop = null;
        var optionsType = typeof(ODataQueryOptions<>).MakeGenericType(type);
        return (ODataQueryOptions)Activator.CreateInstance(optionsType, context, http.Request)!;
    }
}
