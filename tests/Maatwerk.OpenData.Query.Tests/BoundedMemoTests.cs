namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// The memo behind the canonical query strings, the negotiated formats and the kept counts: bounded, and
/// still remembering new keys after a flood of keys seen once.
/// </summary>
public sealed class BoundedMemoTests
{
    [Fact]
    public void Remember_ThenTryGetValue_GivesTheValueBack_AndKeepsTheFirstValueOfAKey()
    {
        var memo = new BoundedMemo<string, int>(3);

        memo.Remember("a", 1);
        memo.Remember("a", 2);

        Assert.True(memo.TryGetValue("a", out var value));
        Assert.Equal(1, value);
        Assert.False(memo.TryGetValue("b", out _));
    }

    [Fact]
    public void Remember_WhenFull_ForgetsEverythingAndRemembersTheNewKey()
    {
        var memo = new BoundedMemo<string, int>(3);
        memo.Remember("a", 1);
        memo.Remember("b", 2);
        memo.Remember("c", 3);

        memo.Remember("d", 4);

        Assert.Equal(1, memo.Count);
        Assert.True(memo.TryGetValue("d", out var value));
        Assert.Equal(4, value);
        Assert.False(memo.TryGetValue("a", out _));
    }

    [Fact]
    public void Remember_AFloodOfKeysSeenOnce_NeverHoldsMoreThanTheCapacity_AndTheKeyInUseIsRememberedAfterIt()
    {
        var memo = new BoundedMemo<string, string>(100, StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            memo.Remember($"scan-{i}", "x");
            Assert.InRange(memo.Count, 1, memo.Capacity);
        }

        memo.Remember("$top=16", "canonical");

        Assert.True(memo.TryGetValue("$top=16", out var value));
        Assert.Equal("canonical", value);
    }

    [Fact]
    public void TryGetValue_ComparesKeysWithTheGivenComparer()
    {
        var memo = new BoundedMemo<string, int>(2, StringComparer.OrdinalIgnoreCase);
        memo.Remember("Accept", 1);

        Assert.True(memo.TryGetValue("accept", out _));
    }

    [Fact]
    public void Remember_FromManyThreadsAtOnce_StaysWithinTheCapacityPlusOnePerThread()
    {
        const int Threads = 8;
        var memo = new BoundedMemo<int, int>(1_000);
        var largest = 0;

        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            memo.Remember(i, i);
            var count = memo.Count;
            int seen;
            while (count > (seen = Volatile.Read(ref largest)) && Interlocked.CompareExchange(ref largest, count, seen) != seen)
            {
            }
        });

        Assert.InRange(largest, 1, memo.Capacity + Threads);
    }

    [Fact]
    public void Constructor_WithACapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedMemo<string, int>(0));
    }
}
