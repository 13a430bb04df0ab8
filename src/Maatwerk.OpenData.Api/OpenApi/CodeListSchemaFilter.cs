using System.Text.Json.Nodes;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Maatwerk.OpenData.Api.OpenApi;

/// <summary>
/// A property whose column holds a closed list of codes (the allow-list says which) is published with
/// that list as its enum; a nullable one lists null as well.
/// </summary>
internal sealed class CodeListSchemaFilter(IEnumerable<ApiVersionDefinition> versions) : ISchemaFilter
{
    private readonly Dictionary<Type, Query.Model.EntityMap> tables = versions.Resources().ToDictionary(r => r.ContractType, r => r.Table);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } || !tables.TryGetValue(context.Type, out var table))
        {
            return;
        }

        foreach (var column in table.Columns.Where(c => c.Codes is not null))
        {
            if (properties.TryGetValue(column.Property, out var property) && property is OpenApiSchema concrete)
            {
                var codes = column.Codes!.Select(code => (JsonNode?)JsonValue.Create(code));
                concrete.Enum = (column.Nullable ? codes.Append(null) : codes).ToList()!;
            }
        }
    }
}
