using System.Text.Json;
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

        return results.Cast<object>().AsEnumerable()
            .Select(r => r is ISelectExpandWrapper wrapper
                ? JsonSerializer.SerializeToElement(wrapper.ToDictionary(), JsonSerializerOptions.Web)
                : JsonSerializer.SerializeToElement(r, JsonSerializerOptions.Web))
            .ToList();
    }

    /// <summary>How many rows the query's $filter keeps (what @odata.count must say).</summary>
    public static int Count<T>(IReadOnlyList<T> rows, string query)
    {
        var filter = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).GetValueOrDefault("$filter");
        var filterOnly = filter.Count == 0 ? string.Empty : "$filter=" + Uri.EscapeDataString(filter.ToString());
        return Options<T>(filterOnly).ApplyTo(rows.AsQueryable()).Cast<object>().Count();
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
        context.DefaultQueryConfigurations.MaxTop = null;
        var optionsType = typeof(ODataQueryOptions<>).MakeGenericType(type);
        return (ODataQueryOptions)Activator.CreateInstance(optionsType, context, http.Request)!;
    }
}
