using System.Diagnostics;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// Runs a program as a child process and reads what it prints: a Node.js script installed under the tests
/// (an npm package with a committed lock file), or the API itself as an operator starts it.
/// </summary>
internal static class ChildProcess
{
    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(d => new[] { Path.Combine(d, program), Path.Combine(d, program + ".exe"), Path.Combine(d, program + ".cmd") })
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs the program in the folder, with <paramref name="environment"/> added to this process's
    /// environment, and returns its exit code, standard output and standard error. A program still running
    /// after <paramref name="timeout"/> (five minutes unless given) is killed, with its children, and the
    /// wait ends in an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, string[] arguments, string folder, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
