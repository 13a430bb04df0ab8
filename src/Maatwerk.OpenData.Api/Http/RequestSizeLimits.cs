using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// The longest URL and the largest header block a request may have. The service enforces them itself,
/// so that an oversized request gets a 414 or 431 problem like every other error; the web server's own
/// limits are set well above them and only meet requests far beyond (those it answers without a body).
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>The longest request target (path and query string), in characters; the query string alone has its own, lower limit (<c>Query:MaxQueryLength</c>).</summary>
    public const int MaxUrlLength = 16 * 1024;

    /// <summary>The largest total of header names and values, in characters.</summary>
    public const int MaxHeadersLength = 32 * 1024;

    /// <summary>How far above the service's limits the web server's own ones lie.</summary>
    public const int ServerHeadroom = 4;

    public static IServiceCollection AddRequestSizeLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestLineSize = ServerHeadroom * MaxUrlLength;
            options.Limits.MaxRequestHeadersTotalSize = ServerHeadroom * MaxHeadersLength;
        });

    /// <summary>Refuses an oversized request before anything reads it. Goes after the problem handling.</summary>
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
                ? raw
                : $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
            if (target.Length > MaxUrlLength)
            {
                throw new UriTooLongException(
                    $"The URL has {target.Length} characters; at most {MaxUrlLength} are accepted. Shorten the query, for example with parameter aliases or fewer values in an 'in' list.");
            }

            var headers = HeadersLength(context.Request.Headers);
            if (headers > MaxHeadersLength)
            {
                throw new RequestHeadersTooLargeException(
                    $"The request headers hold {headers} characters; at most {MaxHeadersLength} are accepted. Send fewer or shorter headers (cookies are not needed here).");
            }

            return next(context);
        });

    // Names and values, counted without LINQ: this runs for every request.
    private static int HeadersLength(IHeaderDictionary headers)
    {
        var length = 0;
        foreach (var (name, values) in headers)
        {
            length += name.Length;
            foreach (var value in values)
            {
                length += value?.Length ?? 0;
            }
        }

        return length;
    }
}

/// <summary>The request target is longer than <see cref="RequestSizeLimits.MaxUrlLength"/> (HTTP 414).</summary>
public sealed class UriTooLongException(string message) : Exception(message);

/// <summary>The request headers are larger than <see cref="RequestSizeLimits.MaxHeadersLength"/> (HTTP 431).</summary>
public sealed class RequestHeadersTooLargeException(string message) : Exception(message);
