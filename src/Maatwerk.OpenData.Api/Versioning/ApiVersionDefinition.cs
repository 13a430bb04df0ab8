using Maatwerk.OpenData.Api.OData;
using Microsoft.OData.Edm;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>
/// A major version of the API, described once: its path segment, its semantic version and its resources.
/// The route group, the EDM model and the OpenAPI document of the version are all made from this.
/// </summary>
public sealed class ApiVersionDefinition
{
    private readonly Lazy<IEdmModel> model;

    public ApiVersionDefinition(string name, string version, IReadOnlyList<ResourceDefinition> resources)
    {
        Name = name;
        Version = version;
        Resources = resources;
        model = new Lazy<IEdmModel>(() => EdmModelFactory.Create(resources, Functions));
    }

    /// <summary>The path segment and document name, e.g. <c>v1</c>.</summary>
    public string Name { get; }

    /// <summary>The full semantic version of the contract, e.g. <c>1.0.0</c>.</summary>
    public string Version { get; }

    public IReadOnlyList<ResourceDefinition> Resources { get; }

    /// <summary>The version's OData functions that return records, such as <c>companiesOnDate</c>.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; init; } = [];

    /// <summary>When this major version was deprecated (announced in the <c>Deprecation</c> header), if it is.</summary>
    public DateTimeOffset? Deprecated { get; init; }

    /// <summary>When this major version stops being served (announced in the <c>Sunset</c> header).</summary>
    public DateTimeOffset? Sunset { get; init; }

    /// <summary>The major version number, for ordering versions.</summary>
    public int Major => int.Parse(Name.TrimStart('v'), System.Globalization.CultureInfo.InvariantCulture);

    public IEdmModel Model => model.Value;

    public ResourceDefinition Resource(string entitySet) =>
        Resources.Single(r => r.EntitySet == entitySet);
}
