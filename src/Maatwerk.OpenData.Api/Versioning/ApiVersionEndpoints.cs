using Maatwerk.OpenData.Api.OData;
using Microsoft.AspNetCore.OData;

namespace Maatwerk.OpenData.Api.Versioning;

public static class ApiVersionEndpoints
{
    /// <summary>Maps one major version: its service document, its metadata and every resource.</summary>
    public static RouteGroupBuilder MapApiVersion(this IEndpointRouteBuilder app, ApiVersionDefinition version)
    {
        var group = app.MapGroup("/" + version.Name)
            .WithGroupName(version.Name)
            .WithMetadata(version)
            .WithODataModel(version.Model);

        group.MapServiceDocument();
        group.MapMetadataDocument();
        foreach (var resource in version.Resources)
        {
            resource.MapEndpoints(group);
        }

        return group;
    }
}
