namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>What kind of path a request is for: under a major version (<c>/v1/...</c>), and if so its OpenAPI document or not.</summary>
public static class VersionedPaths
{
    /// <summary>Whether the path is under a major version, <c>/v</c> followed by a digit (in any case, as routing matches it).</summary>
    public static bool IsVersioned(PathString path) =>
        path.Value is { Length: > 2 } value && value[1] is 'v' or 'V' && char.IsAsciiDigit(value[2]);

    /// <summary>Whether the path is a version's OpenAPI document, in JSON or YAML.</summary>
    public static bool IsOpenApiDocument(PathString path) =>
        path.Value is { } value && (value.EndsWith("/openapi.json", StringComparison.Ordinal) || value.EndsWith("/openapi.yaml", StringComparison.Ordinal));

    /// <summary>Whether the path is an OData resource of a version: anything under it but its OpenAPI document.</summary>
    public static bool IsOData(PathString path) => IsVersioned(path) && !IsOpenApiDocument(path);
}
