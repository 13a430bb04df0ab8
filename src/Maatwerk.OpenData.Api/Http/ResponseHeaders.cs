using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// Headers every response carries: the security headers of the API Design Rules, OData-Version on
/// OData responses, CORS for the OpenAPI documents even without an Origin header, and HTTP caching:
/// the data only changes with a new data release, so a response is identified by the release and the
/// request (ETag), and a client or proxy that has it gets 304 Not Modified without a query being run.
/// </summary>
public static class ResponseHeaders
{
    public const string CacheControl = "public, max-age=300";

    /// <summary>
    /// The pages' policy: only this site's own style sheet and images, no script at all, forms only
    /// to this site, never framed.
    /// </summary>
    public const string PageContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var releases = app.ApplicationServices.GetRequiredService<ReleaseStore>();
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            var response = context.Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            if (request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            if (VersionedPaths.IsOpenApiDocument(request.Path))
            {
                headers.AccessControlAllowOrigin = "*";
            }

            var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && (VersionedPaths.IsVersioned(request.Path) || Site.SitePaths.IsSite(request.Path));
            if (!cacheable)
            {
                await next(context);
                return;
            }

            var release = await releases.CurrentAsync(context.RequestAborted);
            var etag = $"W/\"{release?.ContentHash[..16] ?? "none"}-{Fingerprint(request)}\"";
            if (NotModified(request, etag))
            {
                // The same headers as the 200 it stands for, CORS included (the CORS middleware runs later).
                response.StatusCode = StatusCodes.Status304NotModified;
                Cacheable(headers, etag);
                await ApplyCorsAsync(context);
                return;
            }

            response.OnStarting(() =>
            {
                // An endpoint that validates its own response (a release's immutable download) keeps its headers.
                if (!string.IsNullOrEmpty(headers.ETag))
                {
                    return Task.CompletedTask;
                }

                if (response.StatusCode == StatusCodes.Status200OK)
                {
                    Cacheable(headers, etag);
                }
                else
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    private static void Cacheable(IHeaderDictionary headers, string etag)
    {
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        headers.Vary = "Accept, Prefer, OData-MaxVersion";
    }

    // If-None-Match uses the weak comparison (RFC 9110, 13.1.2): W/"x" and "x" match W/"x"; * matches any.
    private static bool NotModified(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

    private static async Task ApplyCorsAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            return;
        }

        var services = context.RequestServices;
        var policy = await services.GetRequiredService<ICorsPolicyProvider>().GetPolicyAsync(context, policyName: null);
        if (policy is not null)
        {
            var cors = services.GetRequiredService<ICorsService>();
            cors.ApplyResult(cors.EvaluatePolicy(context, policy), context.Response);
        }
    }

    // The representation depends on the URL and on the headers that select it.
    private static string Fingerprint(HttpRequest request)
    {
        var key = string.Join("\n", request.Path.Value, request.QueryString.Value, request.Headers.Accept.ToString(),
            request.Headers["Prefer"].ToString(), request.Headers["OData-MaxVersion"].ToString(), request.Host.Value);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
    }
}
