namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// The API as it is deployed: published in Release, once from the working copy and once from the baseline
/// commit, which is checked out in a temporary <c>git worktree</c> and published once per commit (kept in
/// the cache folder).
/// </summary>
internal static class ApiBuilds
{
    private const string Project = "src/Maatwerk.OpenData.Api/Maatwerk.OpenData.Api.csproj";

    /// <summary>Publishes the working copy's API (over the previous run's); returns the folder that holds <c>Maatwerk.OpenData.Api.dll</c>.</summary>
    public static async Task<string> PublishCurrentAsync(string repository, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(LoadOptions.CacheFolder, "current");
        await Shell.RunCheckedAsync("dotnet", ["publish", Project, "-c", "Release", "-o", folder, "--nologo", "-v", "q"], repository, cancellationToken);
        return folder;
    }

    /// <summary>Publishes the API of the given commit (once; later runs reuse it); returns the folder and the full commit id.</summary>
    public static async Task<(string Folder, string Commit)> PublishBaselineAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var id = (await Shell.RunCheckedAsync("git", ["rev-parse", "--verify", $"{commit}^{{commit}}"], repository, cancellationToken)).Trim();
        var folder = Path.Combine(LoadOptions.CacheFolder, $"baseline-{id}");
        var done = Path.Combine(folder, "published");
        if (File.Exists(done))
        {
            Console.WriteLine($"baseline {id[..12]}: reused {folder}");
            return (folder, id);
        }

        var source = Path.Combine(Path.GetTempPath(), $"maatwerk-baseline-{Guid.NewGuid():N}");
        await Shell.RunCheckedAsync("git", ["worktree", "add", "--detach", source, id], repository, cancellationToken);
        try
        {
            Console.WriteLine($"baseline {id[..12]}: publishing from a temporary worktree");
            await Shell.RunCheckedAsync("dotnet", ["publish", Project, "-c", "Release", "-o", folder, "--nologo", "-v", "q"], source, cancellationToken);
            await File.WriteAllTextAsync(done, id, cancellationToken);
        }
        finally
        {
            await Shell.RunAsync("git", ["worktree", "remove", "--force", source], repository, CancellationToken.None);
        }

        return (folder, id);
    }
}
