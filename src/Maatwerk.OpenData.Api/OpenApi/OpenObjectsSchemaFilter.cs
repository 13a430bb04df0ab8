using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Maatwerk.OpenData.Api.OpenApi;

/// <summary>
/// Objects stay open to further members: OData JSON adds annotations (<c>statusChanges@odata.count</c>)
/// inside records, and RFC 9457 allows extension members in problems; a closed schema would call those
/// valid responses invalid.
/// </summary>
internal sealed class OpenObjectsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema { Type: JsonSchemaType.Object } concrete && concrete.Properties?.Count > 0)
        {
            concrete.AdditionalPropertiesAllowed = true;
            concrete.AdditionalProperties = null;
        }
    }
}
