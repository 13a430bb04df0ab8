using Maatwerk.OpenData.Data.Releases;

namespace Maatwerk.OpenData.Data;

/// <summary>What a reporting database holds, as far as serving it is concerned.</summary>
/// <param name="PendingScripts">Schema scripts this build has that the database lacks, in order (empty: up to date).</param>
/// <param name="Current">The release being served, or null when none is loaded (or the schema is behind).</param>
public sealed record DatabaseState(IReadOnlyList<string> PendingScripts, DataRelease? Current)
{
    /// <summary>The deployment tool, as run from a clone of the repository.</summary>
    public const string DeployCommand = "dotnet run --project src/Maatwerk.OpenData.Deploy --";

    /// <summary>
    /// Whether the records' stored arrays (<see cref="Loading.StoredArrays"/>) are not written yet: the
    /// current release was loaded before schema script 0007, and the load that writes them has not run.
    /// </summary>
    public bool StoredArraysMissing { get; init; }

    /// <summary>Why the database cannot be served, and what to run; null when it can.</summary>
    public string? Problem =>
        PendingScripts.Count > 0
            ? $"the reporting schema lacks {PendingScripts.Count} migration script(s) ({string.Join(", ", PendingScripts)}); run '{DeployCommand} migrate' with a login that may change the schema"
            : Current is null
                ? $"no data release is loaded; run '{DeployCommand} load'"
                : StoredArraysMissing
                    ? $"the records' lists (sites, sourceIds) are not stored yet for the current release; run '{DeployCommand} load'"
                    : null;
}
