namespace Maatwerk.OpenData.Api.Formats;

/// <summary>The request feature that holds the negotiated <see cref="ResponseFormat"/> of a request.</summary>
public interface IResponseFormatFeature
{
    ResponseFormat Format { get; }
}

/// <summary>Reads the negotiated format of a request; negotiates it on first use.</summary>
public static class ResponseFormatFeature
{
    /// <summary>
    /// The format this request's response is written in, negotiated once for the endpoint's payload
    /// (<see cref="PayloadMetadata"/>) and kept on the request.
    /// </summary>
    /// <exception cref="NotAcceptableException">The client accepts no format this endpoint offers.</exception>
    public static ResponseFormat GetResponseFormat(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IResponseFormatFeature>() is { } feature)
        {
            return feature.Format;
        }

        var format = context.RequestServices.GetRequiredService<ResponseFormats>().Negotiate(context.Request, Payload(context.GetEndpoint()));
        context.Features.Set<IResponseFormatFeature>(new Negotiated(format));
        return format;
    }

    /// <summary>
    /// What an endpoint answers with: its <see cref="PayloadMetadata"/>; else, when it declares text/plain
    /// only (<c>/$count</c>, <c>/$value</c>), a raw value; else an OData entity.
    /// </summary>
    public static PayloadKind Payload(Endpoint? endpoint)
    {
        var metadata = endpoint?.Metadata;
        var declared = metadata?.GetOrderedMetadata<PayloadMetadata>().Aggregate((PayloadKind)0, (kind, m) => kind | m.Kind) ?? 0;
        if (declared != 0)
        {
            return declared;
        }

        var produces = metadata?.GetOrderedMetadata<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Where(p => p.StatusCode == StatusCodes.Status200OK).SelectMany(p => p.ContentTypes).ToList() ?? [];
        return produces.Count > 0 && produces.All(t => t.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            ? PayloadKind.RawValue
            : PayloadKind.Entity;
    }

    private sealed record Negotiated(ResponseFormat Format) : IResponseFormatFeature;
}
