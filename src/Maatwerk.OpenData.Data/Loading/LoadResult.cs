using Maatwerk.OpenData.Data.Releases;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>The outcome of a load: the release now current, and whether this load wrote it (false: it already was).</summary>
public sealed record LoadResult(DataRelease Release, bool Loaded);

/// <summary>What a load does when its version is already recorded with other content.</summary>
public enum ReleaseConflict
{
    /// <summary>Refuse the load (<see cref="ReleaseConflictException"/>): a published version never changes.</summary>
    Refuse,

    /// <summary>Replace the record of that version (the embedded database a developer rebuilds).</summary>
    Replace,
}

/// <summary>The data files changed but their release version did not.</summary>
public sealed class ReleaseConflictException(string version, string recordedHash, string embeddedHash)
    : InvalidOperationException(
        $"Data release {version} is already recorded with content hash {recordedHash}, but these data files hash to {embeddedHash}. "
        + "A released version never changes: raise the version in src/Maatwerk.OpenData.Data/Dataset/release.json.")
{
    public string Version { get; } = version;
}
