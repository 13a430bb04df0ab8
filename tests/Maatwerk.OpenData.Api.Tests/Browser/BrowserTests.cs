using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.Browser;

/// <summary>
/// The pages in a real browser: Debian's Chromium, headless, driven by playwright-core (npm) over the
/// service on Kestrel at 127.0.0.1. Checks headings, landmarks, the home page's numbers against the
/// API, every link, the language switch, the date form with JavaScript off, console errors and
/// axe-core, and saves screenshots at 360 and 1280 px under the test output (browser-screenshots).
/// Needs Node.js, Chromium (apt-get install chromium) and npm ci in this folder; without them the test
/// is skipped, except in CI (CI=true), where it fails.
/// </summary>
public sealed class BrowserTests(ApiFactory api)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Site_InChromium_IsReadableLinkedAccessibleAndAgreesWithTheApi()
    {
        var folder = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "Browser");
        var node = ChildProcess.FindOnPath("node");
        var missing = node is null ? "Node.js is not installed"
            : !File.Exists(Chromium) ? "Chromium is not installed (apt-get install chromium)"
            : !Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")) ? "playwright-core is not installed (npm ci --prefix tests/Maatwerk.OpenData.Api.Tests/Browser)"
            : null;
        if (missing is not null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"In CI the browser test must run, but {missing}.");
            Assert.Skip($"Skipped: {missing}.");
        }

        using var factory = api.WithWebHostBuilder(b => b.UseSetting("Query:PageSize", "100"));
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var shots = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
        Directory.CreateDirectory(shots);

        var (exit, output, stderr) = await ChildProcess.RunAsync(node!, ["browse.js", address, shots], folder);

        Assert.True(exit == 0, $"The browser run failed: {stderr}");
        using var result = JsonDocument.Parse(output);
        var report = result.RootElement;
        foreach (var page in report.GetProperty("pages").EnumerateArray())
        {
            var where = $"{page.GetProperty("url").GetString()} at {page.GetProperty("width").GetInt32()} px";
            Assert.True(page.GetProperty("status").GetInt32() == 200, where);
            Assert.Single(page.GetProperty("h1").EnumerateArray());
            var levels = page.GetProperty("headings").EnumerateArray().Select(h => h.GetInt32()).ToList();
            Assert.Equal(1, levels[0]);
            Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"{where}: heading h{pair.Second} after h{pair.First}"));
            Assert.Equal(["header", "nav", "main", "footer"], page.GetProperty("landmarks").EnumerateArray().Select(l => l.GetString()).Distinct());
            Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
            Assert.All(page.GetProperty("images").EnumerateArray(), i => Assert.True(i.GetProperty("loaded").GetBoolean(), $"{where}: {i.GetProperty("src")}"));
            Assert.False(page.GetProperty("overflow").GetBoolean(), $"{where}: wider than the screen");
            var serious = page.GetProperty("violations").EnumerateArray()
                .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.GetProperty("id").GetString()).ToList();
            Assert.True(serious.Count == 0, $"{where}: axe-core found {string.Join(", ", serious)}");
        }

        var links = report.GetProperty("links").EnumerateObject().ToList();
        Assert.True(links.Count > 40, $"Only {links.Count} links were checked.");
        Assert.All(links, l => Assert.True(l.Value.GetInt32() == 200, $"{l.Name} answered {l.Value.GetInt32()}"));

        // Every number on the home page is the API's answer to the same question.
        var home = report.GetProperty("pages").EnumerateArray().First(p => p.GetProperty("url").GetString() == "/");
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var (_, perPhase) = await client.GetJsonAsync("/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as companies))");
        var expected = perPhase.GetProperty("value").EnumerateArray().Where(g => g.GetProperty("currentPhaseId").ValueKind == JsonValueKind.String)
            .ToDictionary(g => g.GetProperty("currentPhaseId").GetString()!, g => g.GetProperty("companies").GetInt32());
        foreach (var shown in home.GetProperty("counts").EnumerateObject())
        {
            Assert.Equal(expected.GetValueOrDefault(shown.Name), shown.Value.GetInt32());
        }

        Assert.Equal("/nl/companies/nobian", report.GetProperty("languageSwitch").GetProperty("url").GetString());
        Assert.Equal("nl", report.GetProperty("languageSwitch").GetProperty("lang").GetString());
        var form = report.GetProperty("form");
        Assert.Equal("/on-date?date=2024-12-20", form.GetProperty("url").GetString());
        Assert.Contains("20 December 2024", form.GetProperty("h1").GetString(), StringComparison.Ordinal);
        Assert.Contains("Binding tailor-made agreement", form.GetProperty("nobian").GetString(), StringComparison.Ordinal);

        var screenshots = report.GetProperty("screenshots").EnumerateArray().Select(s => s.GetString()).ToList();
        foreach (var name in new[] { "home", "company-nobian", "chart-companies-per-phase", "chart-status-changes", "chart-agreed-reductions" })
        {
            Assert.Contains($"{name}-360.png", screenshots);
            Assert.Contains($"{name}-1280.png", screenshots);
        }
    }
}
