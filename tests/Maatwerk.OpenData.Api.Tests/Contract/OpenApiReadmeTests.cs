using System.Reflection;
using System.Text.RegularExpressions;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>The checklists in openapi/README.md name tests; each named test must exist.</summary>
public sealed partial class OpenApiReadmeTests
{
    [Fact]
    public void ConformanceChecklist_NamesOnlyTestsThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "openapi", "README.md"));
        var tests = typeof(OpenApiReadmeTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttributes().Any(a => a is FactAttribute))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var named = TestName().Matches(readme).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.True(named.Count >= 30, $"Only {named.Count} test names found in openapi/README.md.");
        Assert.All(named, name => Assert.Contains(name, tests));
    }

    [GeneratedRegex(@"`([A-Z]\w+Tests\.[A-Z]\w+_\w+)`")]
    private static partial Regex TestName();
}
