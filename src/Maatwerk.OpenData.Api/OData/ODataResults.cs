using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.Http.Metadata;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>A page of a collection as OData JSON; declares its response shape for OpenAPI.</summary>
/// <typeparam name="T">The contract type of the rows.</typeparam>
public sealed class ODataCollectionResult<T>(QueryPage page, EntityMap table) : IResult, IEndpointMetadataProvider
{
    public QueryPage Page => page;

    public Task ExecuteAsync(HttpContext httpContext) =>
        ODataJsonWriter.WriteCollectionAsync(httpContext, page, table.EntitySet);

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ODataPage<T>), ["application/json"]));
    }
}

/// <summary>Grouped and aggregated rows (<c>$apply</c>) as OData JSON.</summary>
public sealed class ODataAggregateResult(AggregatePage page, EntityMap table) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        ODataJsonWriter.WriteAggregatesAsync(httpContext, page, table.EntitySet);
}

/// <summary>One entity as OData JSON; declares its response shape for OpenAPI.</summary>
/// <typeparam name="T">The contract type of the entity.</typeparam>
public sealed class ODataEntityResult<T>(QueryPage page, EntityMap table) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        ODataJsonWriter.WriteEntityAsync(httpContext, page, table.EntitySet);

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ODataEntityResponseMetadata());
    }
}

/// <summary>Marks an endpoint whose 200 body is one entity with an <c>@odata.context</c> annotation.</summary>
public sealed class ODataEntityResponseMetadata;
