using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// Transport details of a public service: no <c>Server</c> header (it names the software, and helps
/// nobody but a scanner); <c>Strict-Transport-Security</c> on answers to requests that arrived over
/// HTTPS, also behind a reverse proxy that says so in <c>X-Forwarded-Proto</c>; forwarded headers are
/// believed only from the proxies listed in configuration (<c>ForwardedHeaders:KnownProxies</c>, IP
/// addresses; none by default, so nothing forwarded is believed).
/// </summary>
public static class TransportSecurity
{
    /// <summary>The configuration key listing the reverse proxies whose forwarded headers are believed.</summary>
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // ASP.NET Core trusts the loopback addresses by default; here only what the operator lists.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Reads forwarded headers from known proxies, then adds HSTS to HTTPS answers. Runs first.</summary>
    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        return app;
    }
}
