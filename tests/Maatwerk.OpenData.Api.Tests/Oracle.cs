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
        var results = Options<T>(query).ApplyTo(rows.AsQueryable(), new ODataQuerySettings
        {
            HandleNullPropagation = HandleNullPropagationOption.True,
            EnsureStableOrdering = true,
        });

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

    /// <summary>How many rows the query's $filter keeps (what @odata.count must say).</summary>
    public static int Count<T>(IReadOnlyList<T> rows, string query)
    {
        var options = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var counted = options.GetValueOrDefault("$apply") is { Count: > 0 } apply
            ? "$apply=" + Uri.EscapeDataString(apply.ToString())
            : options.GetValueOrDefault("$filter") is { Count: > 0 } filter ? "$filter=" + Uri.EscapeDataString(filter.ToString()) : string.Empty;
        return Options<T>(counted).ApplyTo(rows.AsQueryable()).Cast<object>().Count();
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
