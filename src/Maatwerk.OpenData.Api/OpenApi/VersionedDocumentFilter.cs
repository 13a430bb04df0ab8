using Maatwerk.OpenData.Api.Errors;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Maatwerk.OpenData.Api.OpenApi;

/// <summary>
/// Shapes each version's document as the API Design Rules ask: the server URL carries the major
/// version (<c>/v1</c>) and paths are relative to it; the document describes itself at /openapi.json
/// and /openapi.yaml (open to every origin); every success response declares the API-Version header.
/// </summary>
internal sealed class VersionedDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var prefix = "/" + context.DocumentName;
        document.Servers = [new OpenApiServer { Url = prefix, Description = "This service, version " + context.DocumentName }];

        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var relative = path == prefix ? "/" : path.StartsWith(prefix + "/", StringComparison.Ordinal) ? path[prefix.Length..] : path;
            paths[relative] = item;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers[ApiVersionHeader] = new OpenApiHeader
        {
            Description = "The full version of the API that answered (semantic versioning).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create(document.Info.Version ?? string.Empty)] },
        };
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Problem), context.SchemaRepository);
        paths["/openapi.json"] = Self("application/json", "This OpenAPI document (JSON).", "GetOpenApiJson", document, problem);
        paths["/openapi.yaml"] = Self("text/yaml", "This OpenAPI document (YAML).", "GetOpenApiYaml", document, problem);
        document.Paths = paths;
        DescribeCsdlJson(paths);

        var operations = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []);
        foreach (var response in operations.SelectMany(o => o.Responses?.AsEnumerable() ?? []))
        {
            if (response.Key.StartsWith('2') && response.Value is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[ApiVersionHeader] = new OpenApiHeaderReference(ApiVersionHeader, document);
            }
        }
    }

    private const string ApiVersionHeader = "API-Version";

    // The metadata document is XML text, or in CSDL JSON an object.
    private static void DescribeCsdlJson(OpenApiPaths paths)
    {
        if (paths.TryGetValue("/$metadata", out var item) && item.Operations?.TryGetValue(HttpMethod.Get, out var get) == true
            && get.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var json) == true
            && json is OpenApiMediaType media)
        {
            media.Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The entity model as CSDL JSON (OData 4.01)." };
        }
    }

    private static OpenApiPathItem Self(string mediaType, string summary, string operationId, OpenApiDocument document, IOpenApiSchema problem) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
                Summary = summary,
                Description = "Readable without credentials, from any origin.",
                OperationId = operationId,
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "OK",
                        Headers = new Dictionary<string, IOpenApiHeader>
                        {
                            ["access-control-allow-origin"] = new OpenApiHeader
                            {
                                Description = "Always *: the document may be read from any origin.",
                                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                            },
                        },
                        Content = new Dictionary<string, IOpenApiMediaType> { [mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                    },
                    ["429"] = new OpenApiResponse
                    {
                        Description = "Too many requests from this address.",
                        Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                    },
                },
            },
        },
    };
}
