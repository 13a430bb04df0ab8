using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.Http.Metadata;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>A page of a collection in the negotiated format (OData JSON unless asked otherwise); declares its response shape for OpenAPI.</summary>
/// <typeparam name="T">The contract type of the rows.</typeparam>
public sealed class ODataCollectionResult<T> : IResult, IEndpointMetadataProvider
{
    private readonly QueryPage? page;
    private readonly StreamedPage? streamed;
    private readonly EntityMap table;

    /// <summary>A page read before it is written (OData JSON).</summary>
    public ODataCollectionResult(QueryPage page, EntityMap table)
    {
        this.page = page;
        this.table = table;
    }

    /// <summary>A page streamed from the data reader as it is written (download formats, <see cref="DownloadResultWriter"/>).</summary>
    public ODataCollectionResult(StreamedPage page, EntityMap table)
    {
        streamed = page;
        this.table = table;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var writer = httpContext.GetResponseFormat().Writer;
        return streamed is null
            ? writer.WriteCollectionAsync(httpContext, page!, table.EntitySet)
            : ((DownloadResultWriter)writer).WriteCollectionAsync(httpContext, streamed, table.EntitySet);
    }

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
