using System.Diagnostics;

namespace Maatwerk.OpenData.Deploy.Tests;

/// <summary>
/// compose.yaml as the Compose CLI reads it (<c>docker-compose config</c> needs no container engine): valid
/// with and without the SQL Server profile, no password of its own, and the API over SQL Server logged in
/// as the read-only login only after the deployment job succeeded. Needs docker-compose (installed by
/// .ci/run); skipped without it, except in CI (CI=true), where it fails.
/// </summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task Config_WithTheEnvFileValues_IsValidAndStartsTheApiAfterTheDeploymentAsTheReader()
    {
        var config = await ConfigAsync("--profile", "sqlserver", "config");

        Assert.Equal(0, config.Exit);
        Assert.Contains("User Id=maatwerk_api;Password=Reader-Example-1;", config.Output, StringComparison.Ordinal);
        Assert.Contains("User Id=sa;Password=Sa-Example-1;", config.Output, StringComparison.Ordinal);
        Assert.Matches(@"api-sqlserver:(.|\n)*depends_on:\s*deploy:\s*condition: service_completed_successfully", config.Output);
        Assert.Matches(@"deploy:(.|\n)*depends_on:\s*sqlserver:\s*condition: service_healthy", config.Output);
    }

    [Fact]
    public async Task Config_WithoutProfile_IsValidWithoutAnyPassword()
    {
        var services = await ConfigAsync("config", "--services");

        Assert.Equal(0, services.Exit);
        Assert.Equal(["api", "api-sqlserver", "deploy", "sqlserver"], services.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var text = await File.ReadAllTextAsync(ComposeFile(), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Password=", text.Replace("Password=${", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> ConfigAsync(params string[] args)
    {
        var compose = FindOnPath("docker-compose");
        if (compose is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "In CI the compose file must be checked, but docker-compose is not installed.");
            Assert.Skip("Skipped: docker-compose is not installed (Debian package docker-compose).");
        }

        var start = new ProcessStartInfo(compose) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", ComposeFile() }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MSSQL_SA_PASSWORD"] = "Sa-Example-1";
        start.Environment["MAATWERK_READER_PASSWORD"] = "Reader-Example-1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static string ComposeFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Maatwerk.OpenData.sln")))
            {
                return Path.Combine(directory.FullName, "compose.yaml");
            }
        }

        throw new InvalidOperationException("The repository root (with Maatwerk.OpenData.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
