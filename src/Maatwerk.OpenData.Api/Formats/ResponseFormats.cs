using Maatwerk.OpenData.Query;
using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// The registered formats, in order of preference, and the one negotiation that picks a response's
/// format: <c>$format</c> (or <c>format</c>, any case; a token such as <c>json</c> or a media type with
/// parameters) wins over <c>Accept</c>; in <c>Accept</c> the client's quality values decide (the more
/// specific range first among equals), then the registration order. A request that accepts none of the
/// formats the endpoint offers is refused with 406 (<see cref="NotAcceptableException"/>).
/// </summary>
public sealed class ResponseFormats(IEnumerable<FormatDefinition> formats)
{
    private readonly IReadOnlyList<FormatDefinition> all = formats.ToList();

    // What each (payload kind, $format, Accept) negotiated to, so that a client repeating its request does
    // not parse its Accept header again; a refusal is never kept, nor a long header, and no more than
    // 1,000 at a time are (the memo starts again when full).
    private readonly BoundedMemo<(PayloadKind Kind, string? Format, string Accept), ResponseFormat> negotiated = new(1_000);

    /// <summary>Every registered format, in order of preference.</summary>
    public IReadOnlyList<FormatDefinition> All => all;

    /// <summary>The formats that can represent this payload, in order of preference.</summary>
    public IReadOnlyList<FormatDefinition> Offered(PayloadKind kind) => offeredByKind.GetOrAdd(kind, k => all.Where(f => (f.Serves & k) != 0).ToList());

    private readonly System.Collections.Concurrent.ConcurrentDictionary<PayloadKind, IReadOnlyList<FormatDefinition>> offeredByKind = new();

    /// <summary>Chooses the format of the response to <paramref name="request"/> for an endpoint answering with <paramref name="kind"/>.</summary>
    /// <exception cref="NotAcceptableException">Neither <c>$format</c> nor <c>Accept</c> names a format offered here.</exception>
    /// <exception cref="InvalidQueryException"><c>$format</c> is given more than once.</exception>
    public ResponseFormat Negotiate(HttpRequest request, PayloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offered = Offered(kind);
        if (offered.Count == 0)
        {
            throw new InvalidOperationException($"No format is registered for {kind}.");
        }

        var format = FormatOption(request);
        var key = (kind, format, request.Headers.Accept.ToString());
        if (negotiated.TryGetValue(key, out var known))
        {
            return known;
        }

        var chosen = format is not null ? FromFormatOption(format, offered) : FromAccept(request, offered);
        if (key.Item3.Length <= 512 && (format?.Length ?? 0) <= 512)
        {
            negotiated.Remember(key, chosen);
        }

        return chosen;
    }

    private static ResponseFormat FromAccept(HttpRequest request, IReadOnlyList<FormatDefinition> offered)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accept) || accept.Count == 0)
        {
            // No Accept, or one that cannot be read (RFC 9110 lets a server ignore it): the preferred format.
            return Default(offered[0]);
        }

        foreach (var range in accept.Where(a => a.Quality != 0).OrderByDescending(a => a.Quality ?? 1).ThenByDescending(Specificity))
        {
            foreach (var definition in offered.Where(d => Matches(range, d) && !Excluded(accept, d)))
            {
                if (TryParameters(definition, range.Parameters.Select(p => (p.Name.Value ?? string.Empty, p.Value.Value ?? string.Empty)), out var chosen))
                {
                    return chosen;
                }
            }
        }

        throw new NotAcceptableException($"Accept: {request.Headers.Accept} cannot be served; {Describe(offered)}.");
    }

    private static ResponseFormat Default(FormatDefinition definition) => new(definition, MetadataLevel.Minimal, Ieee754Compatible: false, Streaming: true);

    private static string? FormatOption(HttpRequest request)
    {
        if (!request.QueryString.HasValue || !request.QueryString.Value.Contains("format", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var values = request.Query
            .Where(q => q.Key.AsSpan().TrimStart('$').Equals("format", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value)
            .ToList();
        return values.Count switch
        {
            0 => null,
            1 => values[0] ?? string.Empty,
            _ => throw new InvalidQueryException("$format is given more than once; give it once."),
        };
    }

    // $format=json, $format=application/json;odata.metadata=none, $format=json;IEEE754Compatible=true
    private static ResponseFormat FromFormatOption(string value, IReadOnlyList<FormatDefinition> offered)
    {
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        var parameters = parts[1..].Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries)).Select(p => (p[0], p.Length == 2 ? p[1] : string.Empty));
        foreach (var definition in offered.Where(d => parts[0].Equals(d.Token, StringComparison.OrdinalIgnoreCase) || parts[0].Equals(d.MediaType, StringComparison.OrdinalIgnoreCase)))
        {
            if (TryParameters(definition, parameters, out var chosen))
            {
                return chosen;
            }
        }

        throw new NotAcceptableException($"$format={value} cannot be served; {Describe(offered)}.");
    }

    // The OData JSON parameters; an unknown value makes the range not match. Other parameters are ignored.
    private static bool TryParameters(FormatDefinition definition, IEnumerable<(string Name, string Value)> parameters, out ResponseFormat format)
    {
        format = Default(definition);
        if (definition.ByteOrderMarkOption)
        {
            // bom=true or bom=false; any other value makes the range not match.
            foreach (var (name, value) in parameters.Where(p => p.Name.Equals("bom", StringComparison.OrdinalIgnoreCase)))
            {
                if (!bool.TryParse(value, out var bom))
                {
                    return false;
                }

                format = format with { ByteOrderMark = bom };
            }

            return true;
        }

        if (!definition.ODataJson)
        {
            return true;
        }

        foreach (var (name, value) in parameters)
        {
            var bare = name.StartsWith("odata.", StringComparison.OrdinalIgnoreCase) ? name["odata.".Length..] : name;
            if (bare.Equals("metadata", StringComparison.OrdinalIgnoreCase))
            {
                MetadataLevel? level = value.ToUpperInvariant() switch
                {
                    "MINIMAL" => MetadataLevel.Minimal,
                    "FULL" => MetadataLevel.Full,
                    "NONE" => MetadataLevel.None,
                    _ => null,
                };
                if (level is null)
                {
                    return false;
                }

                format = format with { Metadata = level.Value };
            }
            else if (bare.Equals("streaming", StringComparison.OrdinalIgnoreCase) || name.Equals("IEEE754Compatible", StringComparison.OrdinalIgnoreCase))
            {
                if (!bool.TryParse(value, out var flag))
                {
                    return false;
                }

                format = bare.Equals("streaming", StringComparison.OrdinalIgnoreCase) ? format with { Streaming = flag } : format with { Ieee754Compatible = flag };
            }
        }

        return true;
    }

    private static bool Matches(MediaTypeHeaderValue range, FormatDefinition definition) =>
        range.MatchesAllTypes
        || (range.MatchesAllSubTypes && definition.MediaType.StartsWith(range.Type.Value + "/", StringComparison.OrdinalIgnoreCase))
        || range.MediaType.Equals(definition.MediaType, StringComparison.OrdinalIgnoreCase)
        || definition.AlsoAccepted.Contains(range.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    // application/xml;q=0 rules XML out even when */* lets everything in.
    private static bool Excluded(IList<MediaTypeHeaderValue> accept, FormatDefinition definition) =>
        accept.Any(a => a.Quality == 0 && a.MediaType.Equals(definition.MediaType, StringComparison.OrdinalIgnoreCase));

    private static int Specificity(MediaTypeHeaderValue range) =>
        range.MatchesAllTypes ? 0
        : range.MatchesAllSubTypes ? 1
        : range.Parameters.Any(p => !p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)) ? 3
        : 2;

    private static string Describe(IReadOnlyList<FormatDefinition> offered) =>
        "this resource is available as " + string.Join(", ", offered.Select(f =>
            $"{f.MediaType}{(f.ODataJson ? " with odata.metadata=minimal, full or none" : f.ByteOrderMarkOption ? " with bom=true or false" : string.Empty)} ($format={f.Token})"));
}

/// <summary>The client asked for a representation the service cannot produce (HTTP 406).</summary>
public sealed class NotAcceptableException(string message) : Exception(message);
