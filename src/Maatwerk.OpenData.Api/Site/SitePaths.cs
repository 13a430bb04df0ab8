namespace Maatwerk.OpenData.Api.Site;

/// <summary>The paths of the human-readable site (pages, feed, charts, style sheet), in one place.</summary>
public static class SitePaths
{
    public const string Home = "/";
    public const string Companies = "/companies";
    public const string Phases = "/phases";
    public const string Sources = "/sources";
    public const string OnDate = "/on-date";
    public const string Feed = "/feed.atom";
    public const string Charts = "/charts";
    public const string StyleSheet = "/site.css";
    public const string Icon = "/favicon.svg";

    private static readonly string[] Roots = [Companies, Phases, Sources, OnDate, Feed, Charts, StyleSheet, Icon];

    /// <summary>The language a page path is in: Dutch under <c>/nl</c>, English elsewhere.</summary>
    public static SiteLanguage Language(PathString path) =>
        path.StartsWithSegments(SiteLanguage.Dutch.Prefix) ? SiteLanguage.Dutch : SiteLanguage.English;

    /// <summary>Whether the path belongs to the site (and so is answered per data release, like the API).</summary>
    public static bool IsSite(PathString path)
    {
        if (path.StartsWithSegments(SiteLanguage.Dutch.Prefix, out var rest))
        {
            path = rest;
        }

        return !path.HasValue || path.Value == "/" || Roots.Any(r => path.StartsWithSegments(r));
    }
}
