namespace Maatwerk.OpenData.Query;

/// <summary>A query that is well-formed OData but asks for something this resource does not allow (HTTP 400).</summary>
public sealed class InvalidQueryException(string message) : Exception(message);

/// <summary>A valid OData construct this service does not implement (HTTP 501, as OData asks).</summary>
public sealed class UnsupportedQueryException(string message) : Exception(message);
