using System.Collections.Concurrent;
using System.Diagnostics;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// Runs the programs the harness drives (dotnet, git, wrk, nginx). Every long-running process it starts is
/// remembered and stopped, with its children, when the harness ends, also on Ctrl+C.
/// </summary>
internal static class Shell
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static Shell()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        Console.CancelKeyPress += (_, _) => StopAll();
    }

    /// <summary>Runs a program to its end and returns its exit code and output.</summary>
    public static (int Exit, string Output, string Error) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null) =>
        RunAsync(program, arguments, workingDirectory, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = Info(program, arguments, workingDirectory) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardError = true;
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a program that must succeed; its error output becomes the exception's message.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        var (exit, output, error) = await RunAsync(program, list, workingDirectory, cancellationToken);
        return exit == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', list)} exited with {exit}:\n{error}{output}");
    }

    /// <summary>Starts a long-running program, its output appended to a log file.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var info = Info(program, arguments, workingDirectory);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Running[process.Id] = process;
        return process;
    }

    /// <summary>Waits until a server started with <see cref="Start"/> accepts connections on 127.0.0.1 at <paramref name="port"/>, for at most ten seconds.</summary>
    /// <exception cref="InvalidOperationException">The process ended first.</exception>
    /// <exception cref="TimeoutException">It did not listen within ten seconds.</exception>
    public static async Task WaitUntilListeningAsync(Process process, string name, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} ended with exit code {process.ExitCode}; see its log in {process.StartInfo.WorkingDirectory}.");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"{name} did not listen within ten seconds.");
    }

    /// <summary>Stops a process started with <see cref="Start"/>, with its children.</summary>
    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        Running.TryRemove(process.Id, out _);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already ended.
        }

        process.Dispose();
    }

    private static void StopAll()
    {
        foreach (var process in Running.Values)
        {
            Stop(process);
        }
    }

    private static void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line after the process ended.
            }
        }
    }

    private static ProcessStartInfo Info(string program, IEnumerable<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
