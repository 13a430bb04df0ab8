using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// Registers the formats and negotiates each request's format as soon as its endpoint is known.
/// A new format is one <see cref="IResultWriter"/> and one <see cref="AddResponseFormat"/> call.
/// </summary>
public static class ResponseFormatSetup
{
    /// <summary>OData JSON, the default for every data payload.</summary>
    public static readonly FormatDefinition ODataJson = new(
        "json", "application/json", PayloadKind.ServiceDocument | PayloadKind.Collection | PayloadKind.Entity | PayloadKind.Property, ODataJsonWriter.Instance)
    {
        ODataJson = true,
    };

    /// <summary>The metadata document as CSDL XML (its default).</summary>
    public static readonly FormatDefinition CsdlXml = new("xml", "application/xml", PayloadKind.MetadataDocument, null) { Charset = "utf-8" };

    /// <summary>The metadata document as CSDL JSON.</summary>
    public static readonly FormatDefinition CsdlJson = new("json", "application/json", PayloadKind.MetadataDocument, null);

    /// <summary>A count or a bare property value as text.</summary>
    public static readonly FormatDefinition PlainText = new("text", "text/plain", PayloadKind.RawValue, null)
    {
        Charset = "utf-8",
        AlsoAccepted = ["application/json"],
    };

    /// <summary>
    /// Any collection as CSV (<c>$format=csv</c> or <c>Accept: text/csv</c>; <c>bom=true</c> adds a UTF-8
    /// byte order mark), written by <see cref="CsvResultWriter"/>.
    /// </summary>
    public static readonly FormatDefinition Csv = new("csv", "text/csv", PayloadKind.Collection, CsvResultWriter.Instance)
    {
        Charset = "utf-8",
        Download = true,
        ByteOrderMarkOption = true,
    };

    /// <summary>
    /// Any collection as an Excel workbook (<c>$format=xlsx</c> or <c>Accept:
    /// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>), written by <see cref="XlsxResultWriter"/>.
    /// </summary>
    public static readonly FormatDefinition Xlsx = new("xlsx", XlsxResultWriter.MediaType, PayloadKind.Collection, XlsxResultWriter.Instance)
    {
        Download = true,
    };

    /// <summary>The Content-Type of an OData JSON error object.</summary>
    public const string ODataJsonErrorContentType = "application/json; odata.metadata=minimal; odata.streaming=true";

    /// <summary>Registers the built-in formats, in order of preference.</summary>
    public static IServiceCollection AddResponseFormats(this IServiceCollection services)
    {
        services.AddSingleton<ResponseFormats>();
        return services.AddResponseFormat(ODataJson).AddResponseFormat(CsdlXml).AddResponseFormat(CsdlJson).AddResponseFormat(PlainText).AddResponseFormat(Csv)
            .AddResponseFormat(Xlsx);
    }

    /// <summary>Registers one more format; it is offered after those registered before it.</summary>
    public static IServiceCollection AddResponseFormat(this IServiceCollection services, FormatDefinition format) =>
        services.AddSingleton(format);

    /// <summary>
    /// Negotiates the format of every request for an endpoint of an API version (or one that declares its
    /// payload) before the endpoint runs, so that a request that accepts nothing on offer is a 406
    /// before any query is run. Goes after routing.
    /// </summary>
    public static IApplicationBuilder UseResponseFormats(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<ApiVersionDefinition>() is not null || endpoint?.Metadata.GetMetadata<PayloadMetadata>() is not null)
            {
                context.GetResponseFormat();
            }

            return next(context);
        });
}
