namespace Maatwerk.OpenData.Api.Http;

public static class PublicCors
{
    /// <summary>Open data: any origin may read, from a browser dashboard as from a script.</summary>
    public static IServiceCollection AddPublicCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Options)
            .WithExposedHeaders("OData-Version", "API-Version", "Content-Length", "ETag", "Deprecation", "Sunset", "Link", "Retry-After", "Preference-Applied", "Content-Disposition", "RateLimit", "RateLimit-Policy")
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));
}
