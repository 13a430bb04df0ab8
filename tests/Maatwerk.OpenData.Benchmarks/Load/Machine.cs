using System.Globalization;
using System.Runtime.InteropServices;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>The machine a run measured, in one line: cores, CPU model, memory, OS, kernel, .NET and the load tools.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var sdk = Shell.Run("dotnet", ["--version"]).Output.Trim();
        var (_, _, nginx) = Shell.Run(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", ["-v"]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores (nproc), {cpu}, {memoryKb / 1024.0 / 1024.0:F1} GiB memory, {os ?? RuntimeInformation.OSDescription}, kernel {kernel}, "
            + $"{RuntimeInformation.FrameworkDescription} (SDK {sdk}), {Wrk.Version()}, {nginx.Trim().Replace("nginx version: ", "", StringComparison.Ordinal)}");
    }
}
