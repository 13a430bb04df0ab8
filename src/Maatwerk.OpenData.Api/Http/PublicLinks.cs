using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// Where absolute links point (configuration section <c>Links</c>). Responses are publicly cacheable, so a
/// link is never built from whatever <c>Host</c> header a request brings: it starts with
/// <see cref="PublicBaseUrl"/> when that is set, else with the request's own host when that host is on
/// <see cref="AllowedHosts"/>, else with the first allowed host.
/// </summary>
public sealed class PublicLinks : IValidatableObject
{
    public const string Section = "Links";

    /// <summary>
    /// The public URL the service is reached at, with any path prefix and without a trailing slash, e.g.
    /// <c>https://data.example.nl/maatwerk</c>. When set, every link starts with it.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host names (optionally with <c>:port</c>) whose requests get links to themselves, when
    /// <see cref="PublicBaseUrl"/> is not set. The first is used for requests from any other host.
    /// None configured: the loopback names (<see cref="Loopback"/>).
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>The allowed hosts when none are configured: the machine itself, which no link can misdirect.</summary>
    public static IReadOnlyList<string> Loopback => LoopbackHosts;

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            yield return new ValidationResult($"Links:PublicBaseUrl must be an absolute http or https URL without query or fragment; '{url}' is not.", [nameof(PublicBaseUrl)]);
        }

        if (AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("Links:AllowedHosts holds host names, optionally with :port, such as api.example.org.", [nameof(AllowedHosts)]);
        }
    }

    /// <summary>The scheme, host and path base every absolute link of this request starts with, without a trailing slash.</summary>
    public string Origin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PublicBaseUrl is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        var host = request.Host;
        var hosts = AllowedHosts.Count > 0 ? AllowedHosts : LoopbackHosts;
        var allowed = hosts.Any(h => h.Equals(host.Value, StringComparison.OrdinalIgnoreCase) || h.Equals(host.Host, StringComparison.OrdinalIgnoreCase));
        return $"{request.Scheme}://{(allowed ? host.Value : hosts[0])}{request.PathBase}";
    }
}

public static class PublicLinksSetup
{
    public static IServiceCollection AddPublicLinks(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<PublicLinks>().Bind(configuration.GetSection(PublicLinks.Section)).ValidateDataAnnotations().ValidateOnStart().Services;

    /// <summary>The origin of every absolute link in the response to this request (see <see cref="PublicLinks"/>).</summary>
    public static string PublicOrigin(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IOptions<PublicLinks>>().Value.Origin(context.Request);
    }
}
