using System.Text.RegularExpressions;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Every example query in the README works as written and finds something.</summary>
public sealed partial class ReadmeExampleTests(ApiFactory api)
{
    public static TheoryData<string> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "README.md"));
        return new TheoryData<string>(Example().Matches(readme).Select(m => m.Groups["url"].Value).Distinct());
    }

    [Fact]
    public void Readme_Examples_AreFound()
    {
        Assert.True(Examples().Count >= 25, $"{Examples().Count} examples");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ReadmeExample_AsWritten_Returns200WithData(string url)
    {
        var response = await api.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("\"value\":[]", body, StringComparison.Ordinal);
        Assert.NotEqual("0", body);
    }

    // `/v1/...` in backticks, as the README shows queries.
    [GeneratedRegex(@"`(?<url>/v1/[^`\s]*(?: [^`]*)?)`")]
    private static partial Regex Example();
}
