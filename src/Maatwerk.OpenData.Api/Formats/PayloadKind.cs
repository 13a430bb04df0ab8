namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// The kinds of response payload OData defines (Part 1, Protocol, section 11.2): what an endpoint
/// answers with decides which formats it can offer.
/// </summary>
[Flags]
public enum PayloadKind
{
    /// <summary>The service document at the service root.</summary>
    ServiceDocument = 1,

    /// <summary>A collection of entities, or of grouped and aggregated rows (<c>$apply</c>).</summary>
    Collection = 2,

    /// <summary>One entity.</summary>
    Entity = 4,

    /// <summary>One property of one entity, with its context.</summary>
    Property = 8,

    /// <summary>The metadata document (CSDL).</summary>
    MetadataDocument = 16,

    /// <summary>A bare value as text: <c>/$count</c> and <c>/$value</c>.</summary>
    RawValue = 32,
}

/// <summary>Endpoint metadata: the payload an endpoint answers with, so that negotiation knows what it may offer.</summary>
/// <param name="Kind">The payload kind (several when the endpoint answers with any of them).</param>
public sealed record PayloadMetadata(PayloadKind Kind);
