using System.Globalization;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// A server's CPU time and memory, read from Linux's <c>/proc</c>: CPU as user plus system time
/// (<c>/proc/PID/stat</c>), memory as resident set size now (<c>VmRSS</c>) and at its peak (<c>VmHWM</c>,
/// which writing 5 to <c>/proc/PID/clear_refs</c> resets, so each measurement gets its own peak).
/// </summary>
internal static class ProcessStats
{
    private static readonly double TicksPerSecond = ClockTicks();

    /// <summary>The CPU time the processes have used so far, in seconds (user plus system, all threads).</summary>
    public static double CpuSeconds(IEnumerable<int> processIds) => processIds.Sum(CpuSeconds);

    public static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // The command name is in parentheses and may hold spaces: the fields after it start with the state (field 3).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var systemTicks = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return (userTicks + systemTicks) / TicksPerSecond;
    }

    /// <summary>
    /// Waits until the processes use less than a tenth of a core (at most ten seconds): the requests a load
    /// generator left behind when it stopped are finished or stopped before the next measurement starts.
    /// </summary>
    public static async Task WaitUntilIdleAsync(IReadOnlyList<int> processIds, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(200);
        for (var i = 0; i < 50; i++)
        {
            var before = CpuSeconds(processIds);
            await Task.Delay(interval, cancellationToken);
            if (CpuSeconds(processIds) - before < interval.TotalSeconds / 10)
            {
                return;
            }
        }
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public static long ResidentBytes(int processId) => StatusKilobytes(processId, "VmRSS:") * 1024;

    /// <summary>Peak resident memory since the start or since <see cref="ResetPeak"/>, in bytes.</summary>
    public static long PeakResidentBytes(int processId) => StatusKilobytes(processId, "VmHWM:") * 1024;

    /// <summary>Starts a new peak; false when the kernel does not allow it (the peak then runs from the start).</summary>
    public static bool ResetPeak(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process and its direct children (nginx's workers).</summary>
    public static IReadOnlyList<int> WithChildren(int processId)
    {
        var children = $"/proc/{processId}/task/{processId}/children";
        var ids = File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return [processId, .. ids.Select(id => int.Parse(id, CultureInfo.InvariantCulture))];
    }

    private static long StatusKilobytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    // USER_HZ: 100 on every common Linux build; getconf says for sure.
    private static double ClockTicks()
    {
        var (exit, output, _) = Shell.Run("getconf", ["CLK_TCK"]);
        return exit == 0 && double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var ticks) ? ticks : 100;
    }
}
