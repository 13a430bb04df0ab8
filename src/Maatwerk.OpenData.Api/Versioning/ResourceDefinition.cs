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
}
