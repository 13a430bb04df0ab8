using System.Globalization;
using System.Text;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>One measured cell: a mix entry at one database size on one server, in one round (the first, or a repeat of an entry in <see cref="LoadReport.CachedAcceptanceKeys"/>).</summary>
internal sealed record ResultRow(string Size, MixEntry Entry, string Server, Measurement Measurement, int Round = 1);

/// <summary>
/// The results as a plain table per database size (req/s, p50/p99, CPU per request, ratio to nginx's req/s
/// for the same bytes, ratio of CPU per request to the baseline's, memory), the acceptance figures of
/// issue 11 computed from them (answers from cache also against the bare ASP.NET Core app's), and the
/// attack; printed, and written as Markdown for the README.
/// </summary>
internal static class LoadReport
{
    public const string Nginx = "nginx";
    public const string Uncached = "api";
    public const string Cached = "api, cached";
    public const string Baseline = "baseline";

    /// <summary>The bare ASP.NET Core app answering the same bytes from its output cache (<see cref="OutputCacheServer"/>).</summary>
    public const string BareCache = "bare app, cached";

    /// <summary>The entries whose answers from cache, against nginx's, are acceptance figures: measured in rounds.</summary>
    public static readonly IReadOnlyList<string> CachedAcceptanceKeys = ["single", "list-16", "list-100"];

    private static readonly string[] Header = ["entry", "server", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "req/s ÷ nginx", "CPU ÷ baseline", "peak RSS MiB", "above idle MiB", "requests", "failed", "bytes/resp"];

    public static string Markdown(IReadOnlyList<ResultRow> rows, AttackResult? attack, string machine, string run, IReadOnlyList<string> notes, int connections)
    {
        var text = new StringBuilder();
        text.AppendLine("### Load benchmark results").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run: {run}").AppendLine();
        foreach (var note in Notes(rows, notes, connections))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        foreach (var size in rows.Select(r => r.Size).Distinct())
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"#### {(size == "real" ? "Real size" : "At scale")}").AppendLine();
            text.AppendLine(Row(Header)).AppendLine(Row(Header.Select(_ => "---")));
            foreach (var cells in Table(rows.Where(r => r.Size == size && r.Round == 1).ToList()))
            {
                text.AppendLine(Row(cells));
            }

            text.AppendLine().AppendLine("Requests:").AppendLine();
            foreach (var entry in rows.Where(r => r.Size == size).Select(r => r.Entry).DistinctBy(e => e.Key))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {entry.Label}: `{entry.Path}`");
            }
        }

        text.AppendLine().AppendLine("#### Acceptance (issue 11)").AppendLine();
        foreach (var line in AcceptanceLines(rows, attack))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        return text.ToString();
    }

    /// <summary>
    /// The run's notes; which figures rest on fewer answers than twice the connections; and which of the
    /// API's figures come from answers that were not all whole. nginx serves the body the API answered, and
    /// the API's headers are the longer ones, so its bytes per response are never much below nginx's unless
    /// answers were cut short or empty (which wrk still counts as 200s): below by over 1 KiB and 2% is named.
    /// (More bytes than nginx's is no sign: wrk also counts the bytes of answers still arriving when the
    /// measured time ends, which for a slow, large answer adds much per completed one.)
    /// </summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> notes, int connections)
    {
        var tooFew = rows.Where(r => r.Measurement.Requests < 2 * connections).Select(r => $"{r.Size} {r.Entry.Label} on {r.Server}").ToList();
        var notWhole = rows
            .Where(r => r.Server is Uncached or Cached)
            .Select(r => (Row: r, Nginx: Find(rows.Where(n => n.Size == r.Size), r.Entry.Key, Nginx)))
            .Where(p => p.Nginx is { } nginx && nginx.BytesPerResponse - p.Row.Measurement.BytesPerResponse > Math.Max(1024, nginx.BytesPerResponse / 50))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Row.Size} {p.Row.Entry.Label} on {p.Row.Server} ({p.Row.Measurement.BytesPerResponse:N0} bytes per answer, nginx {p.Nginx!.BytesPerResponse:N0})"))
            .ToList();
        var result = notes.ToList();
        if (tooFew.Count > 0)
        {
            result.Add($"Fewer answers than twice the connections, so these figures rest on too little (run longer: --duration, or --slow-duration for the CSV export): {string.Join("; ", tooFew)}.");
        }

        if (notWhole.Count > 0)
        {
            result.Add($"Answers not all whole (bytes per answer far below the body nginx serves), so these figures do not count: {string.Join("; ", notWhole)}.");
        }

        return result;
    }

    /// <summary>The same tables as plain text, columns aligned, for the console.</summary>
    public static string Plain(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        foreach (var size in rows.Select(r => r.Size).Distinct())
        {
            var table = Table(rows.Where(r => r.Size == size && r.Round == 1).ToList()).Prepend(Header).ToList();
            var widths = Enumerable.Range(0, Header.Length).Select(c => table.Max(r => r[c].Length)).ToList();
            text.AppendLine().AppendLine(size == "real" ? "Real size" : "At scale");
            foreach (var cells in table)
            {
                text.AppendLine(string.Join("  ", cells.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string[]> Table(List<ResultRow> rows)
    {
        foreach (var row in rows)
        {
            var m = row.Measurement;
            var nginx = Find(rows, row.Entry.Key, Nginx);
            var baseline = Find(rows, row.Entry.Key, Baseline);
            var memory = m.IdleResidentBytes >= 0;
            yield return
            [
                row.Entry.Label, row.Server, F(m.RequestsPerSecond, 0), F(m.P50Milliseconds, 2), F(m.P99Milliseconds, 2), F(m.CpuMillisecondsPerRequest, 3),
                row.Server == Nginx || nginx is null ? "" : F(m.RequestsPerSecond / nginx.RequestsPerSecond, 2),
                row.Server is Nginx or Baseline or BareCache || baseline is null ? "" : F(m.CpuMillisecondsPerRequest / baseline.CpuMillisecondsPerRequest, 2),
                memory ? F(m.PeakMebibytes, 0) : "", memory ? F(m.AboveIdleMebibytes, 0) : "",
                m.Requests.ToString("N0", CultureInfo.InvariantCulture), m.Failed.ToString("N0", CultureInfo.InvariantCulture), m.BytesPerResponse.ToString("N0", CultureInfo.InvariantCulture),
            ];
        }
    }

    /// <summary>The acceptance figures of issue 11, one line each, with their targets.</summary>
    public static IEnumerable<string> AcceptanceLines(IReadOnlyList<ResultRow> rows, AttackResult? attack)
    {
        foreach (var size in rows.Select(r => r.Size).Distinct())
        {
            var at = rows.Where(r => r.Size == size).ToList();
            foreach (var key in CachedAcceptanceKeys)
            {
                var cached = Ratios(at, key, Cached, Nginx);
                if (cached.Count > 0)
                {
                    var bare = Ratios(at, key, BareCache, Nginx);
                    var againstBare = Ratios(at, key, Cached, BareCache);
                    var bareText = bare.Count > 0
                        ? $"; the bare app from its output cache: {Median(bare)} of nginx's, the API {Median(againstBare)} of the bare app's"
                        : string.Empty;
                    yield return $"{size}, {Label(at, key)}, cached: {Median(cached)} of nginx's req/s (target at least 0.50){bareText}";
                }

                if (key != "list-100" && Find(at, key, Uncached) is { } uncached && Find(at, key, Baseline) is { } baseline)
                {
                    yield return $"{size}, {Label(at, key)}, uncached: {F(uncached.CpuMillisecondsPerRequest / baseline.CpuMillisecondsPerRequest, 2)} of the baseline's CPU per request (target at most 0.50)";
                }
            }

            if (size != "scale")
            {
                continue;
            }

            foreach (var key in new[] { "filtered", "list-100", "page-1", "page-deep", "expanded" })
            {
                var p99 = string.Join(", ", at.Where(r => r.Entry.Key == key && r.Round == 1 && r.Server is Uncached or Cached).Select(r => $"{F(r.Measurement.P99Milliseconds, 1)} ms {r.Server}"));
                if (p99.Length > 0)
                {
                    yield return $"scale, {Label(at, key)}: p99 {p99} at the mix's connections (target under 50 ms)";
                }
            }

            if (Find(at, "page-1", Uncached) is { } first && Find(at, "page-deep", Uncached) is { } deep)
            {
                yield return $"scale, {Label(at, "page-deep")} against page 1, uncached: {F(deep.CpuMillisecondsPerRequest / first.CpuMillisecondsPerRequest, 2)}x the CPU per request, {F(deep.P50Milliseconds / first.P50Milliseconds, 2)}x the p50 (target under 2x)";
            }
        }

        if (attack is not null)
        {
            foreach (var line in AttackLines(attack))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> AttackLines(AttackResult a)
    {
        var statuses = Statuses(a.Statuses);
        yield return $"attack at scale: {a.Attackers} connections sending `{a.Query}` (a new search text each time) for {a.Duration.TotalSeconds:F0} s, request budget {a.BudgetMilliseconds:N0} ms; alone it answered {a.AloneStatus} in {a.AloneMilliseconds:N0} ms";
        yield return $"attack: cheap request `{AttackScenario.CheapPath}` one at a time every 50 ms: before the attack p50 {F(a.CheapIdle.P50, 1)} ms, p99 {F(a.CheapIdle.P99, 1)} ms; under attack p50 {F(a.CheapUnderAttack.P50, 1)} ms, p99 {F(a.CheapUnderAttack.P99, 1)} ms, max {F(a.CheapUnderAttack.Max, 1)} ms over {a.CheapUnderAttack.Count} requests, {a.CheapUnderAttack.Failed} not 200 (target p99 at most 100 ms)";
        yield return $"attack: expensive requests by status: {statuses}; {a.OverBudget} took longer than the budget{(a.OverBudget > 0 ? $" ({Statuses(a.OverBudgetStatuses)})" : "")}, {a.OverMargin} longer than the budget plus {a.MarginMilliseconds:N0} ms (longest {a.LongestSeconds:F2} s); server CPU {a.CpuSecondsDuring:F1} s during the attack, {a.CpuSecondsAfter:F1} s in the {a.After.TotalSeconds:F0} s after the attackers left (work done for nobody)";
    }

    private static string Statuses(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key switch { 0 => "unanswered when the attackers left", -1 => "connection failed", var code => code.ToString(CultureInfo.InvariantCulture) }}: {s.Value}"));

    private static Measurement? Find(IEnumerable<ResultRow> rows, string key, string server) =>
        rows.FirstOrDefault(r => r.Entry.Key == key && r.Server == server && r.Round == 1)?.Measurement;

    // Per round in which both were measured, the server's req/s over the other's.
    private static List<double> Ratios(IEnumerable<ResultRow> rows, string key, string server, string reference)
    {
        var of = rows.Where(r => r.Entry.Key == key).ToList();
        return of.Where(r => r.Server == server)
            .Join(of.Where(r => r.Server == reference), r => r.Round, r => r.Round, (a, b) => a.Measurement.RequestsPerSecond / b.Measurement.RequestsPerSecond)
            .ToList();
    }

    // The median of the rounds' ratios, followed by every round's in the order measured when there is more than one.
    private static string Median(List<double> ratios)
    {
        var sorted = ratios.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return ratios.Count == 1 ? F(median, 2) : $"{F(median, 2)} (median of {ratios.Count} rounds: {string.Join(", ", ratios.Select(r => F(r, 2)))})";
    }

    private static string Label(IEnumerable<ResultRow> rows, string key) => rows.First(r => r.Entry.Key == key).Entry.Label;

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";

    private static string F(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";
}
