using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.ModelBuilder;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>
/// One resource of an API version: its EDM entity set, its URL segment, the contract type clients see,
/// the allow-list it is queried through, and its endpoints.
/// </summary>
public sealed record ResourceDefinition(
    string Path,
    Type ContractType,
    EntityMap Table,
    Action<ODataConventionModelBuilder> AddToModel,
    Action<RouteGroupBuilder> MapEndpoints)
{
    /// <summary>The EDM entity set (camelCase; OData identifiers cannot hold the hyphen of <see cref="Path"/>).</summary>
    public string EntitySet => Table.EntitySet;

    /// <summary>Example values of the id and the query options, published in the OpenAPI document (a test runs each).</summary>
    public required QueryExamples Examples { get; init; }
}

/// <summary>A working example of each query option for one resource.</summary>
public sealed record QueryExamples(string Id, string? Filter, string OrderBy, string Select, string Expand, string Apply);
