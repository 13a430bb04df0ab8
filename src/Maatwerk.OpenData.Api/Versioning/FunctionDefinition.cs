using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.ModelBuilder;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>
/// An OData function of an API version that returns a collection of records (e.g.
/// <c>companiesOnDate(date=2024-06-30)</c>): its name, the contract type of its rows, the allow-list
/// they are queried through, its EDM registration and its endpoint.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    Type ContractType,
    EntityMap Table,
    Action<ODataConventionModelBuilder> AddToModel,
    Action<RouteGroupBuilder> MapEndpoints);
