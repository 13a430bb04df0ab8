using System.Globalization;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>The load benchmark's command line (see <see cref="LoadBenchmark"/> for every option).</summary>
internal sealed record LoadOptions
{
    /// <summary>The size of the synthetic database: <c>full</c> (the scale) or <c>small</c> (for a quick check of the harness).</summary>
    public ScaleSize Scale { get; init; } = ScaleSize.Full;

    /// <summary>Measured time per mix entry and server.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Measured time for a slow entry (the CSV export at scale: 32 pages of 10,000 rows at once take seconds each).</summary>
    public TimeSpan SlowDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Unmeasured load before each measurement (JIT, caches, connection pools).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    public int Connections { get; init; } = 32;

    /// <summary>
    /// Rounds of the entries whose answers from cache are acceptance figures (the single item and the two
    /// lists), measured on the cached API, nginx and the bare app in turn; every other entry is measured once.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The commit the uncached CPU per request is compared with; null leaves the baseline out.</summary>
    public string? Baseline { get; init; } = "76ac1b4";

    /// <summary>Which database sizes run: <c>real</c>, <c>scale</c> or both.</summary>
    public IReadOnlyList<string> Sizes { get; init; } = ["real", "scale"];

    /// <summary>Whether the expensive-query attack runs (at scale, after the mix).</summary>
    public bool Attack { get; init; } = true;

    /// <summary>Whether only the attack runs (at scale, no mix, no baseline): to study the bounded worst case alone.</summary>
    public bool OnlyAttack { get; init; }

    public TimeSpan AttackDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The expensive request of the attack, with <c>{0}</c> where a search text goes that differs per request.</summary>
    public string AttackQuery { get; init; } = AttackScenario.DefaultQuery;

    /// <summary>The request budget of the attacked server (<c>Query:RequestBudgetMilliseconds</c>), in milliseconds.</summary>
    public int AttackBudgetMilliseconds { get; init; } = 2_000;

    /// <summary>
    /// How far past the budget an expensive request of the attack may end, in milliseconds, as the client
    /// measures it: the answer is written after the work has stopped, on a machine that the attack keeps busy.
    /// </summary>
    public int AttackMarginMilliseconds { get; init; } = 250;

    /// <summary>The budget during the mix, raised so that slow entries (CSV at scale) are measured rather than stopped.</summary>
    public int MixBudgetMilliseconds { get; init; } = 120_000;

    /// <summary>Where the results go; by default a folder per run under the cache folder.</summary>
    public string Output { get; init; } = Path.Combine(CacheFolder, "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>Databases and baseline builds kept between runs.</summary>
    public static string CacheFolder => Path.Combine(Path.GetTempPath(), "maatwerk-benchmark", "load");

    public static LoadOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new LoadOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--scale" => options with { Scale = Value() switch { "full" => ScaleSize.Full, "small" => ScaleSize.Small, var v => throw new ArgumentException($"--scale is full or small, not '{v}'.") } },
                "--duration" => options with { Duration = Seconds(Value()) },
                "--slow-duration" => options with { SlowDuration = Seconds(Value()) },
                "--warmup" => options with { WarmUp = Seconds(Value()) },
                "--connections" => options with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) is var rounds and > 0 ? rounds : throw new ArgumentException("--rounds is 1 or more.") },
                "--baseline" => options with { Baseline = Value() is var commit && commit != "none" ? commit : null },
                "--sizes" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--no-attack" => options with { Attack = false },
                "--only-attack" => options with { OnlyAttack = true },
                "--attack-duration" => options with { AttackDuration = Seconds(Value()) },
                "--attack-query" => options with { AttackQuery = Value() },
                "--attack-budget-ms" => options with { AttackBudgetMilliseconds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--attack-margin-ms" => options with { AttackMarginMilliseconds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--output" => options with { Output = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        if (options.Sizes.Any(s => s is not ("real" or "scale")) || options.Sizes.Count == 0)
        {
            throw new ArgumentException("--sizes is real, scale or real,scale.");
        }

        if (options.OnlyAttack && !options.Attack)
        {
            throw new ArgumentException("--only-attack and --no-attack leave nothing to run.");
        }

        return options;
    }

    // "10s", "10" or "500ms".
    private static TimeSpan Seconds(string text) => text.EndsWith("ms", StringComparison.Ordinal)
        ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));
}

/// <summary>The synthetic database's size: the scale, or a small one that checks the harness in seconds.</summary>
internal sealed record ScaleSize(string Name, int Companies, int StatusChanges, int AgreedReductions, int DeepPage)
{
    public static ScaleSize Full { get; } = new("full", 100_000, 1_000_000, 500_000, 5_000);

    public static ScaleSize Small { get; } = new("small", 1_000, 10_000, 5_000, 50);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Companies:N0} companies, {StatusChanges:N0} status changes, {AgreedReductions:N0} agreed reductions");
}
