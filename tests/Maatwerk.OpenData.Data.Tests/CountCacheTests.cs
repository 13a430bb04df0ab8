using System.Diagnostics;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>A count is kept per release once counted, and can be asked for without running a statement.</summary>
public sealed class CountCacheTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KnownCount_IsNullUntilCounted_ThenTheCount()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var store = new ReportingStore(temp.Database, releases: new ReleaseStore(temp.Database));
        var spec = new QuerySpec(PhaseTable.Map);

        Assert.Null(await store.Count(spec).KnownAsync(Cancel));
        var counted = await store.CountAsync(spec, Cancel);

        Assert.True(counted > 0);
        Assert.Equal(counted, await store.Count(spec).KnownAsync(Cancel));
    }

    [Fact]
    public async Task OneCountQuery_CountsOnce_ThenKnowsItsCount()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var store = new ReportingStore(temp.Database, releases: new ReleaseStore(temp.Database));
        var count = store.Count(new QuerySpec(PhaseTable.Map));

        // The statements this test sends, picked out by a trace of its own (tests run in parallel).
        using var capture = new SqlCapture();
        using var trace = new Activity("count-once-test").Start();
        var traceId = trace.TraceId.ToString();

        Assert.Null(await count.KnownAsync(Cancel));
        var counted = await count.RunAsync(Cancel);
        var sentByTheRun = capture.InTrace(traceId).Count;

        Assert.Equal(counted, await count.KnownAsync(Cancel));
        Assert.Equal(counted, await count.RunAsync(Cancel));
        Assert.True(sentByTheRun > 0, "the first run sends the count statement");
        Assert.Equal(sentByTheRun, capture.InTrace(traceId).Count);
    }

    [Fact]
    public async Task WithoutAReleaseStore_NothingIsKept()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var store = new ReportingStore(temp.Database);
        var spec = new QuerySpec(PhaseTable.Map);

        await store.CountAsync(spec, Cancel);

        Assert.Null(await store.Count(spec).KnownAsync(Cancel));
    }
}
