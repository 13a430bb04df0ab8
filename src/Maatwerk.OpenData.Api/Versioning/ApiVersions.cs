using System.Globalization;
using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Api.Dataset;
using Maatwerk.OpenData.Api.OData;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.Routing;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>
/// The major versions the service offers, registered once: each brings its route group, EDM model and
/// OpenAPI document, and its responses carry its full version (ADR) and, when deprecated, the
/// Deprecation and Sunset headers with a link to the changelog.
/// </summary>
public static class ApiVersions
{
    public const string VersionHeader = "API-Version";

    public static IServiceCollection AddApiVersions(this IServiceCollection services, params ApiVersionDefinition[] versions)
    {
        foreach (var version in versions)
        {
            services.AddSingleton(version);
        }

        return services;
    }

    /// <summary>The registered versions, newest first.</summary>
    public static IReadOnlyList<ApiVersionDefinition> All(IServiceProvider services) =>
        services.GetServices<ApiVersionDefinition>().OrderByDescending(v => v.Major).ToList();

    /// <summary>Every resource the versions offer, once per contract type.</summary>
    public static IReadOnlyList<ResourceDefinition> Resources(this IEnumerable<ApiVersionDefinition> versions) =>
        versions.SelectMany(v => v.Resources).DistinctBy(r => r.ContractType).ToList();

    public static IEndpointRouteBuilder MapApiVersions(this IEndpointRouteBuilder app)
    {
        foreach (var version in All(app.ServiceProvider))
        {
            app.MapApiVersion(version);
        }

        return app;
    }

    /// <summary>Maps one major version: its service document, its metadata and every resource.</summary>
    public static RouteGroupBuilder MapApiVersion(this IEndpointRouteBuilder app, ApiVersionDefinition version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var group = app.MapGroup("/" + version.Name)
            .WithGroupName(version.Name)
            .WithMetadata(version)
            .WithODataModel(version.Model);

        // Handler names repeat across versions; endpoint names must not.
        ((IEndpointConventionBuilder)group).Finally(endpoint => QualifyName(endpoint, version));

        group.MapServiceDocument();
        group.MapMetadataDocument();
        group.MapDatasetEndpoints();
        foreach (var resource in version.Resources)
        {
            resource.MapEndpoints(group);
            group.MapPropertyEndpoints(resource);
            group.MapNavigationEndpoints(resource, version.Resources);
        }

        foreach (var function in version.Functions)
        {
            function.MapEndpoints(group);
        }

        return group;
    }

    /// <summary>Adds the version headers to every response: the version the request was for, else the newest.</summary>
    public static IApplicationBuilder UseApiVersionHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var versions = All(app.ApplicationServices);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var version = context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionDefinition>()
                    ?? versions.FirstOrDefault(v => context.Request.Path.StartsWithSegments("/" + v.Name))
                    ?? versions[0];
                var headers = context.Response.Headers;
                headers[VersionHeader] = version.Version;
                if (version.Deprecated is { } deprecated)
                {
                    headers["Deprecation"] = "@" + deprecated.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    headers.Link = $"<{context.PublicOrigin()}{ChangelogEndpoint.Path}>; rel=\"deprecation\"; type=\"text/markdown\"";
                }

                if (version.Sunset is { } sunset)
                {
                    headers["Sunset"] = sunset.ToString("R", CultureInfo.InvariantCulture);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void QualifyName(EndpointBuilder endpoint, ApiVersionDefinition version)
    {
        var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (name is null)
        {
            return;
        }

        var qualified = $"{version.Name}.{name}";
        for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            if (endpoint.Metadata[i] is IEndpointNameMetadata or IRouteNameMetadata)
            {
                endpoint.Metadata.RemoveAt(i);
            }
        }

        endpoint.Metadata.Add(new EndpointNameMetadata(qualified));
        endpoint.Metadata.Add(new RouteNameMetadata(qualified));
    }
}
