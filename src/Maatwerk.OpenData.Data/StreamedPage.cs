using System.Data.Common;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// One page of rows that flow from the data reader to whoever enumerates <see cref="Rows"/>, never held in
/// memory together (<see cref="ReportingStore.StreamAsync"/>). Whether a next page follows, and where it
/// starts, is known before the first row is read. Owns its database connections: dispose it once written.
/// </summary>
public sealed class StreamedPage : IAsyncDisposable
{
    private readonly DbConnection connection;
    private readonly Func<DbConnection, CancellationToken, IAsyncEnumerable<ResultRow>> read;
    private bool started;

    internal StreamedPage(RowShape shape, PagePlan page, string? nextToken, DbConnection connection, Func<DbConnection, CancellationToken, IAsyncEnumerable<ResultRow>> read)
    {
        Shape = shape;
        Page = page;
        NextToken = nextToken;
        this.connection = connection;
        this.read = read;
    }

    /// <summary>The select list of every row.</summary>
    public RowShape Shape { get; }

    /// <summary>The paging arithmetic of this page.</summary>
    public PagePlan Page { get; }

    /// <summary>The <c>$skiptoken</c> of the page after this one; null when this is the last page.</summary>
    public string? NextToken { get; }

    /// <summary>Whether another page follows.</summary>
    public bool HasNext => NextToken is not null;

    /// <summary>The rows, at most <see cref="PagePlan.Take"/>, read as they are enumerated; single-valued
    /// expansions are read for a batch of rows at a time. May be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">The rows were enumerated before.</exception>
    public IAsyncEnumerable<ResultRow> Rows(CancellationToken cancellationToken)
    {
        if (started)
        {
            throw new InvalidOperationException("The rows of a streamed page can be read once.");
        }

        started = true;
        return read(connection, cancellationToken);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
