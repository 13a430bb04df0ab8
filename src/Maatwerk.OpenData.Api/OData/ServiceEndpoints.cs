using System.Text;
using System.Xml;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.OData.Edm.Csdl;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>The OData entry points of a version: the service document and the metadata document.</summary>
public static class ServiceEndpoints
{
    public static void MapServiceDocument(this RouteGroupBuilder version)
    {
        version.MapGet("", GetServiceDocument)
            .WithName(nameof(GetServiceDocument))
            .WithTags("Service")
            .WithSummary("The service document")
            .WithDescription("Lists the collections of this version. OData clients (Excel, Power BI) start here.")
            .Produces<ServiceDocument>(StatusCodes.Status200OK, "application/json")
            .WithMetadata(new PayloadMetadata(PayloadKind.ServiceDocument));
    }

    public static void MapMetadataDocument(this RouteGroupBuilder version)
    {
        version.MapGet("/$metadata", (Delegate)GetMetadata)
            .WithName(nameof(GetMetadata))
            .WithTags("Service")
            .WithSummary("The metadata document (CSDL)")
            .WithDescription("The entity model in CSDL XML, or CSDL JSON with $format=json or Accept: application/json.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml", "application/json")
            .WithMetadata(new PayloadMetadata(PayloadKind.MetadataDocument));
    }

    public static IResult GetServiceDocument(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var version = Version(context);
        var entries = version.Resources.Select(r => new ServiceDocumentEntry(r.EntitySet, "EntitySet", r.Path)).ToList();
        var format = context.GetResponseFormat();
        var metadata = format.Metadata == MetadataLevel.None ? null : ODataLinks.Metadata(context);
        return TypedResults.Json(new ServiceDocument(metadata, entries), contentType: format.ContentType);
    }

    public static async Task GetMetadata(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = Version(context).Model;
        var response = context.Response;
        var format = context.GetResponseFormat();
        response.ContentType = format.ContentType;
        if (format.Definition == ResponseFormatSetup.CsdlJson)
        {
            await using var json = new System.Text.Json.Utf8JsonWriter(response.BodyWriter, new() { Indented = true });
            CsdlWriter.TryWriteCsdl(model, json, out _);
            return;
        }

        await using var stream = new MemoryStream();
        await using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            CsdlWriter.TryWriteCsdl(model, xml, CsdlTarget.OData, out _);
        }

        await response.Body.WriteAsync(stream.ToArray(), context.RequestAborted);
    }

    private static ApiVersionDefinition Version(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionDefinition>()
        ?? throw new InvalidOperationException("The endpoint is not part of an API version group.");
}
