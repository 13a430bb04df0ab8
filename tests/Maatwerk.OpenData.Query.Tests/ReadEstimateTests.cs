using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Translation;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// Query text in, estimated rows read beyond the page out, over tables of known size: 100,000 widgets of
/// 1,000 makers (100 each), 5 parts per widget, 2 labels per widget through a link table, 1.5 sites and
/// 3 tags per widget. Pages of 100.
/// </summary>
public sealed class ReadEstimateTests
{
    private static readonly TableSizes Sizes = TableSizes.Of(new Dictionary<string, long>
    {
        ["widget"] = 100_000,
        ["maker"] = 1_000,
        ["part"] = 500_000,
        ["label"] = 50,
        ["widget_label"] = 200_000,
        ["widget_site"] = 150_000,
        ["widget_tag"] = 300_000,
    });

    public static TheoryData<string, long> Cases => new()
    {
        // An index finds the page's rows: nothing beyond the page.
        { "", 0 },
        { "$filter=name eq 'a'", 0 },
        { "$filter=year gt 2000 and startswith(name,'a')&$orderby=name", 0 },

        // The key or a foreign key bounds the rows: one per key, a maker's 100 widgets per maker.
        { "$filter=id eq 'a'", 1 },
        { "$filter=id in ('a','b','c')", 3 },
        { "$filter=makerId eq 'm'", 100 },
        { "$filter=makerId eq 'm' or makerId eq 'n'", 200 },
        { "$filter=maker/id eq 'm'", 200 },
        { "$filter=contains(description,'x') and makerId eq 'm'", 100 },
        { "$count=true&$filter=id eq 'a'", 1 },

        // Every matching row is read: a filter no index serves, a count, an aggregate.
        { "$filter=contains(description,'x')", 100_000 },
        { "$filter=contains(description,'x') or makerId eq 'm'", 100_000 },
        { "$filter=name eq 'a'&$count=true", 100_000 },
        { "$apply=groupby((name),aggregate($count as n))", 100_000 },
        { "$apply=filter(makerId eq 'm')/groupby((name),aggregate($count as n))", 100 },

        // Related rows for every row tested: 5 parts a widget, a maker's 100 widgets with their parts.
        { "$filter=parts/any(p: p/weight gt 1)", 600_000 },
        { "$filter=parts/any()", 600_000 },
        { "$filter=tags/any(t: t eq 'x')", 400_000 },
        { "$filter=labels/any(l: l/text eq 'x') and id eq 'a'", 3 },
        { "$filter=maker/widgets/any(w: w/parts/any(p: p/weight gt 1))", 60_200_000 },

        // Skipped rows, at most the table.
        { "$skip=500", 500 },
        { "$skip=200000", 100_000 },

        // Expanded rows: the page's rows times the fan-out, at every level.
        { "$expand=parts", 500 },
        { "$expand=parts($top=1)&$top=10", 50 },
        { "$expand=labels,maker", 300 },
        { "$expand=maker($expand=widgets)", 10_100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_Query_EstimatesTheRowsReadBeyondThePage(string query, long rows)
    {
        Assert.Equal(rows, ReadEstimate.Rows(TestModel.Parse(query), Sizes));
    }

    [Fact]
    public void Rows_CountSegment_ReadsEveryMatchingRow()
    {
        var spec = TestModel.Parse("$filter=name eq 'a'");

        Assert.Equal(100_000, ReadEstimate.Rows(spec, Sizes, countsAll: true));
        Assert.Equal(100, ReadEstimate.Rows(TestModel.Parse("$filter=makerId eq 'm'"), Sizes, countsAll: true));
    }

    [Fact]
    public void Rows_ThroughARelationshipOrByKey_ReadsOneParentsRows()
    {
        var makers = TestModel.ParseIn("makers", string.Empty);
        var widgets = makers.Entity.FindNavigation("widgets")!;

        var through = TestModel.Parse("$count=true") with { Through = new NavigationScope(makers.Entity, widgets, "m") };
        var byKey = TestModel.Parse("$expand=parts") with { Scope = [new ScopeCondition("id", "a")], PageSize = 1 };

        Assert.Equal(100, ReadEstimate.Rows(through, Sizes));
        Assert.Equal(1 + 5, ReadEstimate.Rows(byKey, Sizes));
    }

    [Fact]
    public void Rows_ExpandingFromASmallTable_CountsItsManyChildren()
    {
        Assert.Equal(10_000, ReadEstimate.Rows(TestModel.ParseIn("makers", "$expand=widgets"), Sizes));
    }

    [Fact]
    public void Rows_ViewComputedFromWholeTables_ReadsThemAllEvenForOneKey()
    {
        var states = new EntityMap("widgetStates", "widget_state", "widgetId", [ColumnMap.Text("widgetId", "widget_id", 100)])
        {
            ComputedFrom = ["widget", "part"],
        };

        Assert.Equal(600_000, ReadEstimate.Rows(new QuerySpec(states) { Scope = [new ScopeCondition("widgetId", "a")] }, Sizes));
    }

    [Fact]
    public void Rows_UnknownSizes_OnlyAKeyKeepsAReadSmall()
    {
        Assert.Equal(1, ReadEstimate.Rows(TestModel.Parse("$filter=id eq 'a'"), TableSizes.Unknown));
        Assert.Equal(TableSizes.UnknownRows, ReadEstimate.Rows(TestModel.Parse("$count=true"), TableSizes.Unknown));
    }
}
