using Maatwerk.OpenData.Data.Loading;

namespace Maatwerk.OpenData.Data.Tests;

public sealed class DatePeriodTests
{
    [Theory]
    [InlineData("2024-12-19", "day", "2024-12-19", "2024-12-19")]
    [InlineData("2024-02", "month", "2024-02-01", "2024-02-29")]
    [InlineData("2025", "year", "2025-01-01", "2025-12-31")]
    public void From_DateAndPrecision_CoversExactlyThatPeriod(string date, string precision, string start, string end)
    {
        var period = DatePeriod.From(date, precision);

        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), period);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(null, null)]
    public void From_NoDate_HasNoPeriod(string? date, string? precision)
    {
        Assert.Null(DatePeriod.From(date, precision));
    }

    [Theory]
    [InlineData("2025-07", "day")]
    [InlineData("2025", "month")]
    [InlineData(null, "day")]
    [InlineData("2025-07-01", "week")]
    public void From_DateThatDoesNotMatchItsPrecision_Throws(string? date, string precision)
    {
        Assert.ThrowsAny<Exception>(() => DatePeriod.From(date, precision));
    }
}
