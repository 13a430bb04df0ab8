namespace Maatwerk.OpenData.Api.Site.Charts;

/// <summary>One bar of a bar chart: its label and its value (a count).</summary>
public sealed record Bar(string Label, long Value);

/// <summary>A bar chart: what it shows (title and a description for screen readers), its bars, and the API request behind it.</summary>
public sealed record BarChartModel(string Title, string Description, IReadOnlyList<Bar> Bars, ApiQuery Query);

/// <summary>One dated move of a company into a phase, for the timeline chart.</summary>
public sealed record TimelinePoint(string Company, DateOnly Day, string Date, string PhaseId, string Phase);

/// <summary>The timeline chart: every dated move between phases per company, and the API request behind it.</summary>
public sealed record TimelineChartModel(string Title, string Description, IReadOnlyList<TimelinePoint> Points, ApiQuery Query);
