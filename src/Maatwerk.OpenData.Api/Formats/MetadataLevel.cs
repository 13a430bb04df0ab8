namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// How much control information an OData JSON response carries (OData JSON Format 4.01, section 3.1,
/// the <c>odata.metadata</c> media type parameter).
/// </summary>
public enum MetadataLevel
{
    /// <summary>The default: <c>@odata.context</c>, counts and next links; what a client cannot compute.</summary>
    Minimal,

    /// <summary>Minimal plus <c>@odata.id</c>, <c>@odata.type</c> where needed, read and navigation links.</summary>
    Full,

    /// <summary>No control information but <c>@odata.nextLink</c> and <c>@odata.count</c>.</summary>
    None,
}
