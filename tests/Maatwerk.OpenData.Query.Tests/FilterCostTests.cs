using Maatwerk.OpenData.Query.Translation;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>Filter text in, cost out: a list of values on one operand counts once, everything else per node.</summary>
public sealed class FilterCostTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "name eq 'a'", 4 },
        { "name eq 'a' or name eq 'b'", 4 },
        { "name eq 'a' or name eq 'b' or name eq 'c' or name eq 'd'", 4 },
        { "(name eq 'a' or name eq 'b') or (name eq 'c' or name eq 'd')", 4 },
        { "name in ('a','b','c','d')", 4 },
        { "name eq 'a' or note eq 'b'", 9 },
        { "name eq 'a' or name ne 'b'", 9 },
        { "name eq 'a' or name eq note", 10 },
        { "contains(name,'a') or contains(name,'b')", 9 },
        { "year gt 2000 and (name eq 'a' or name eq 'b')", 9 },
        { "maker/country eq 'a' or maker/country eq 'b'", 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_Filter_CountsAListOfValuesOnOneOperandOnce(string filter, int cost)
    {
        var spec = TestModel.Parse("$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(cost, FilterCost.Of(spec.Filter!.Expression));
    }

    [Fact]
    public void Of_ChainOf250Equalities_CostsWhatOneEqualityCosts()
    {
        var chain = string.Join(" or ", Enumerable.Range(0, 250).Select(i => $"name eq 'n{i}'"));

        Assert.Equal(4, FilterCost.Of(TestModel.Parse("$filter=" + Uri.EscapeDataString(chain)).Filter!.Expression));
    }

    public static TheoryData<string, bool> ScanCases => new()
    {
        { "name eq 'a'", false },
        { "name in ('a','b') and year gt 2000", false },
        { "maker/country eq 'nl'", false },
        { "startswith(name,'a')", false },
        { "since le now()", false },
        { "contains(description,'hydrogen')", true },
        { "tolower(name) eq 'a'", true },
        { "year(since) eq 2025", true },
        { "name eq 'a' or endswith(note,'x')", true },
        { "startswith(tolower(name),'a')", true },
        { "parts/any(p: p/id eq 'x')", true },
        { "parts/$count gt 2", true },
        { "not (labels/all(l: l/id ne 'x'))", true },
    };

    [Theory]
    [MemberData(nameof(ScanCases))]
    public void Scans_Filter_IsTrueWhenNoIndexCanServeIt(string filter, bool scans)
    {
        var spec = TestModel.Parse("$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(scans, FilterCost.Scans(spec.Filter!.Expression));
    }
}
