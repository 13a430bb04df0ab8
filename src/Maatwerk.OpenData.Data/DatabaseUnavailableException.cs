using System.Data.Common;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// The reporting database cannot be reached, is locked or timed out (see
/// <see cref="ReportingDatabase.IsUnavailable"/>): the request may succeed when retried (HTTP 503).
/// The provider's error, which can name servers and files, is the inner exception and is only logged.
/// </summary>
public sealed class DatabaseUnavailableException(DbException inner)
    : Exception("The database is not available at the moment; try again after the time Retry-After gives.", inner);
