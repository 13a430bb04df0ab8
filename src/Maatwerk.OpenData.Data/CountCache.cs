using System.Globalization;
using System.Text;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Counts (<c>$count=true</c> and the <c>/$count</c> segment) kept per data release and per count statement
/// with its parameter values, that is per resource and filter: paging through a large filtered list with
/// its count, or asking again, counts once per release. The data changes only when a release is loaded;
/// a new release (seen through <see cref="ReleaseStore.CurrentAsync"/>) drops every kept count. At most
/// <see cref="MaxEntries"/> are kept; when that many are, they are all dropped and keeping starts again
/// (<see cref="BoundedMemo{TKey, TValue}"/>).
/// </summary>
internal sealed class CountCache(ReleaseStore? releases)
{
    /// <summary>The most counts kept for one release.</summary>
    public const int MaxEntries = 10_000;

    private Kept kept = new(string.Empty);

    /// <summary>The kept count for <paramref name="statement"/> in the current release, else what <paramref name="count"/> gives (then kept).</summary>
    public async Task<long> GetOrCountAsync(SqlStatement statement, Func<Task<long>> count, CancellationToken cancellationToken)
    {
        if (releases is null || await releases.CurrentAsync(cancellationToken) is not { } release)
        {
            return await count();
        }

        var current = kept;
        if (current.Release != release.ContentHash)
        {
            current = kept = new Kept(release.ContentHash);
        }

        var key = Key(statement);
        if (current.Counts.TryGetValue(key, out var known))
        {
            return known;
        }

        var counted = await count();
        current.Counts.Remember(key, counted);
        return counted;
    }

    /// <summary>The kept count for <paramref name="statement"/> in the current release, or null when none is kept; runs no statement.</summary>
    public async Task<long?> KnownAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        var current = kept;
        return releases is not null && await releases.CurrentAsync(cancellationToken) is { } release && current.Release == release.ContentHash
            && current.Counts.TryGetValue(Key(statement), out var known)
                ? known
                : null;
    }

    // The statement text and each parameter's name, type and value: equal keys give equal counts.
    private static string Key(SqlStatement statement)
    {
        var key = new StringBuilder(statement.Text);
        foreach (var p in statement.Parameters)
        {
            key.Append('\u001f').Append(p.Name).Append(':').Append(p.Type).Append('=')
                .Append(p.Value is null ? "\u0000" : Convert.ToString(p.Value, CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    private sealed record Kept(string Release)
    {
        public BoundedMemo<string, long> Counts { get; } = new(MaxEntries, StringComparer.Ordinal);
    }
}
