using System.Diagnostics;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Runs a Node.js script installed under the tests (an npm package with a committed lock file) and reads what it prints.</summary>
internal static class NodeTool
{
    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(d => new[] { Path.Combine(d, program), Path.Combine(d, program + ".exe"), Path.Combine(d, program + ".cmd") })
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the program in the folder (at most five minutes) and returns its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
