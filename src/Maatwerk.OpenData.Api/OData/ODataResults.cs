using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.Http.Metadata;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>A page of a collection in the negotiated format (OData JSON unless asked otherwise); declares its response shape for OpenAPI.</summary>
/// <typeparam name="T">The contract type of the rows.</typeparam>
public sealed class ODataCollectionResult<T>(QueryPage page, EntityMap table) : IResult, IEndpointMetadataProvider
{
    public QueryPage Page => page;

    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.GetResponseFormat().Writer.WriteCollectionAsync(httpContext, page, table.EntitySet);

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ODataPage<T>), ["application/json"]));
        builder.Metadata.Add(new PayloadMetadata(PayloadKind.Collection));
    }
}

/// <summary>Grouped and aggregated rows (<c>$apply</c>) in the negotiated format.</summary>
public sealed class ODataAggregateResult(AggregatePage page, EntityMap table) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.GetResponseFormat().Writer.WriteAggregatesAsync(httpContext, page, table.EntitySet);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new PayloadMetadata(PayloadKind.Collection));
    }
}

/// <summary>One entity in the negotiated format; declares its response shape for OpenAPI.</summary>
/// <typeparam name="T">The contract type of the entity.</typeparam>
public sealed class ODataEntityResult<T>(QueryPage page, EntityMap table) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.GetResponseFormat().Writer.WriteEntityAsync(httpContext, page, table.EntitySet);

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ODataEntityResponseMetadata());
        builder.Metadata.Add(new PayloadMetadata(PayloadKind.Entity));
    }
}

/// <summary>Marks an endpoint whose 200 body is one entity with an <c>@odata.context</c> annotation.</summary>
public sealed class ODataEntityResponseMetadata;
