using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// The schemas of the committed OpenAPI document (openapi/v1.json) as JSON Schema (2020-12), to
/// validate real responses with JsonSchema.Net. OpenAPI 3.0's <c>nullable</c> becomes a null type;
/// in strict mode every documented property is required and no undocumented one is allowed (OData
/// annotations, whose names hold an '@', excepted), so a property renamed or retyped on one side only
/// fails.
/// </summary>
internal sealed class CommittedSchemas
{
    private readonly JsonObject document;

    public CommittedSchemas(string version)
    {
        var path = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "openapi", version + ".json");
        document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>The JSON schema of an operation's response, found by path template and status.</summary>
    public JsonNode Response(string pathTemplate, string status, string mediaType = "application/json") =>
        document["paths"]![pathTemplate]!["get"]!["responses"]![status]!["content"]![mediaType]!["schema"]!;

    public static JsonNode Component(string name) => new JsonObject { ["$ref"] = "#/components/schemas/" + name };

    /// <summary>What is wrong with the instance according to the schema, or null when it is valid.</summary>
    public string? Validate(JsonElement instance, JsonNode schema, bool strict)
    {
        var defs = new JsonObject();
        foreach (var (name, definition) in document["components"]!["schemas"]!.AsObject())
        {
            defs[name] = Convert(definition!, strict && !name.EndsWith("AggregatedPage", StringComparison.Ordinal));
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://schemas.maatwerk.test/{Guid.NewGuid():N}",
            ["$defs"] = defs,
            ["allOf"] = new JsonArray(Convert(schema, strict)),
        };
        var compiled = JsonSchema.FromText(root.ToJsonString());
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? null
            : string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10));
    }

    private JsonObject Merge(JsonArray parts)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var part in parts)
        {
            var schema = part!["$ref"] is JsonValue reference
                ? document["components"]!["schemas"]![reference.GetValue<string>()["#/components/schemas/".Length..]]!
                : part;
            foreach (var (name, value) in schema["properties"]!.AsObject())
            {
                properties[name] = value?.DeepClone();
                if (!IsRelationship(value) && !name.Contains('@', StringComparison.Ordinal))
                {
                    required.Add(name);
                }
            }
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(required.Select(name => (JsonNode)name).ToArray()),
        };
    }

    private JsonNode Convert(JsonNode node, bool strict)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Convert(item, strict)).ToArray());
            case JsonObject composed when strict && composed["allOf"] is JsonArray { Count: > 1 } parts:
                // A closed object cannot be extended by allOf: merge the parts into one object instead.
                return Convert(Merge(parts), strict);
            case JsonObject source:
                var target = new JsonObject();
                foreach (var (name, value) in source)
                {
                    if (name is "nullable" or "example")
                    {
                        continue;
                    }

                    target[name] = name == "$ref"
                        ? value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)
                        : value is null ? null : Convert(value, strict);
                }

                if (strict && source["properties"] is JsonObject properties && source["type"] is JsonValue objectType && objectType.GetValue<string>() == "object")
                {
                    // A schema that says which members are required is taken at its word; for records, every
                    // member is (null when it has no value) except the relationships, present when expanded.
                    target["required"] = source["required"]?.DeepClone()
                        ?? new JsonArray(properties.Where(p => !IsRelationship(p.Value)).Select(p => (JsonNode)p.Key).ToArray());
                    target["patternProperties"] = new JsonObject { ["@"] = new JsonObject() };
                    target["additionalProperties"] = false;
                }

                if (source["nullable"]?.GetValue<bool>() == true)
                {
                    return target["type"] is JsonValue type
                        ? With(target, "type", new JsonArray(type.GetValue<string>(), "null"))
                        : new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) };
                }

                return target;
            default:
                return node.DeepClone();
        }
    }

    // Relationships appear only when expanded.
    private static bool IsRelationship(JsonNode? property) =>
        property is JsonObject p && (p["allOf"] is not null || (p["type"] is JsonValue type && type.GetValue<string>() == "array" && p["items"]?["$ref"] is not null));

    private static JsonObject With(JsonObject target, string name, JsonNode value)
    {
        target[name] = value;
        return target;
    }
}
