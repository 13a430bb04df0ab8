namespace Maatwerk.OpenData.Data.Releases;

/// <summary>
/// A data release as recorded in <c>reporting.data_release</c> when it was loaded.
/// </summary>
/// <param name="Version">The release version, <c>yyyy.mm.n</c> (e.g. <c>2026.03.1</c>); unique, and always the same data.</param>
/// <param name="Date">The date the release was cut (from the data's <c>release.json</c>).</param>
/// <param name="ContentHash">SHA-256 of the release's data files, 64 lowercase hex digits.</param>
/// <param name="LoadedAt">When the release was loaded into this database (UTC, whole seconds).</param>
/// <param name="IsCurrent">Whether this is the release being served; exactly one is, once anything is loaded.</param>
/// <param name="Tables">Per table, in table name order: rows, and what changed against the release served before it.</param>
public sealed record DataRelease(
    string Version,
    DateOnly Date,
    string ContentHash,
    DateTimeOffset LoadedAt,
    bool IsCurrent,
    IReadOnlyList<DataReleaseTable> Tables);

/// <summary>
/// One table of a data release: its row count and the rows added, changed (same key, other values) and
/// removed against the release that was current when it was loaded (all added for a first load).
/// </summary>
/// <param name="Table">The table name in the reporting schema (e.g. <c>status_change</c>).</param>
/// <param name="Rows">Rows in the table in this release.</param>
/// <param name="Added">Rows whose key the previous release did not have.</param>
/// <param name="Changed">Rows whose key the previous release had, with other values.</param>
/// <param name="Removed">Rows of the previous release whose key this release does not have.</param>
public sealed record DataReleaseTable(string Table, int Rows, int Added, int Changed, int Removed);
