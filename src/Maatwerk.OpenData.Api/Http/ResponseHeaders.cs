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

            // The OpenAPI documents are answered before routing and do not depend on the data (their ETag
            // has no release); every other 304 is given by ReleaseCache after routing.
            if (VersionedPaths.IsOpenApiDocument(request.Path) && Representation.IsNotModified(request, Representation.ETag(context, null)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                Cacheable(headers, Representation.ETag(context, null));
                await ApplyCorsAsync(context);
                return;
            }

            response.OnStarting(() =>
            {
                if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                {
                    // An endpoint that validates its own response (a release's immutable download), or an answer
                    // marked cacheable before it started, keeps its headers.
                    MarkCacheable(context);
                }
                else
                {
                    // An error is neither kept nor validated, whatever was set before it.
                    headers.Remove(HeaderNames.ETag);
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>
    /// Gives an answer that reads data its validator and caching headers (<c>ETag</c>, <c>Cache-Control</c>,
    /// <c>Vary</c>) before it is produced, where they would otherwise be added as the response starts: the
    /// output cache keeps the headers it sees before that, so an answer from cache carries them as stored and
    /// none is computed again. Should the answer be an error, they are taken off as it starts.
    /// </summary>
    internal static void MarkCacheable(HttpContext context)
    {
        if (string.IsNullOrEmpty(context.Response.Headers.ETag))
        {
            Cacheable(context.Response.Headers, Representation.ETag(context, ReleaseCache.Release(context)));
        }
    }

    private static void Cacheable(IHeaderDictionary headers, string etag)
    {
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        headers.Vary = "Accept, Prefer, OData-MaxVersion";
    }

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
}
