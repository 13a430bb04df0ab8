using System.Globalization;
using System.Xml;
using Maatwerk.OpenData.Api.Http;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// The change feed (Atom 1.0, RFC 4287): one entry per status change or programme event, newest
/// first. An entry's id is the record's page URL with the record id as fragment
/// (<c>.../companies/nobian#nobian-2024-12-19</c>), so it stays the same in every data release.
/// </summary>
public static class ChangeFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>One entry: its record id, where it is shown, its date and what it says.</summary>
    public sealed record Entry(string Id, string Page, DateOnly Updated, string Title, string Summary, string? Category, IReadOnlyList<SiteRecord> Sources);

    /// <summary>A status change as an entry: company, from and to phase, the date at its precision, and its sources.</summary>
    public static Entry FromChange(SiteRecord change, SiteLanguage language)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(language);
        var company = change.RelatedOne("company");
        var from = change.RelatedOne("fromPhase");
        var to = change.RelatedOne("toPhase");
        var date = $"{language.Date(change.Text("date"))} ({change.Text("datePrecision")} precision)";
        var title = change.Text("kind") == "milestone"
            ? $"{company?.Text("name")}: milestone in {language.PhaseName(to)}, {language.Date(change.Text("date"))}"
            : $"{company?.Text("name")}: {language.PhaseName(from)} → {language.PhaseName(to)}, {language.Date(change.Text("date"))}";
        var summary = string.Join(" ", new[]
        {
            change.Text("description"),
            "Date: " + date + ".",
            change["isDisputed"] is true ? "This status is disputed." : null,
            change.Text("note"),
        }.Where(t => t is not null));
        return new Entry(change.Text("id")!, $"{SitePaths.Companies}/{change.Text("companyId")}", (DateOnly)change["periodStart"]!,
            title, summary, to?.Text("id"), change.Related("sources"));
    }

    /// <summary>A programme event as an entry.</summary>
    public static Entry FromEvent(SiteRecord programmeEvent, SiteLanguage language)
    {
        ArgumentNullException.ThrowIfNull(programmeEvent);
        ArgumentNullException.ThrowIfNull(language);
        var summary = $"{programmeEvent.Text("description")} Date: {language.Date(programmeEvent.Text("date"))} ({programmeEvent.Text("datePrecision")} precision).";
        return new Entry(programmeEvent.Text("id")!, SitePaths.Home, (DateOnly)programmeEvent["periodStart"]!,
            $"Programme: {programmeEvent.Text("title")}, {language.Date(programmeEvent.Text("date"))}", summary, null, programmeEvent.Related("sources"));
    }

    /// <summary>Writes the feed; <paramref name="self"/> is its own path and query.</summary>
    public static async Task WriteAsync(HttpContext context, string self, string title, IReadOnlyList<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entries);
        var origin = context.PublicOrigin();
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        await using var writer = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("feed", Atom);
        writer.WriteElementString("id", Atom, origin + self);
        writer.WriteElementString("title", Atom, title);
        writer.WriteElementString("updated", Atom, Timestamp(entries.Count == 0 ? DateOnly.MinValue : entries.Max(e => e.Updated)));
        writer.WriteElementString("rights", Atom, "Data: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)");
        writer.WriteStartElement("author", Atom);
        writer.WriteElementString("name", Atom, "Maatwerk Open Data");
        writer.WriteElementString("uri", Atom, origin + "/");
        writer.WriteEndElement();
        Link(writer, "self", origin + self, "application/atom+xml");
        Link(writer, "alternate", origin + "/", "text/html");
        foreach (var entry in entries)
        {
            writer.WriteStartElement("entry", Atom);
            writer.WriteElementString("id", Atom, $"{origin}{entry.Page}#{entry.Id}");
            writer.WriteElementString("title", Atom, entry.Title);
            writer.WriteElementString("updated", Atom, Timestamp(entry.Updated));
            Link(writer, "alternate", $"{origin}{entry.Page}#{entry.Id}", "text/html");
            foreach (var source in entry.Sources)
            {
                writer.WriteStartElement("link", Atom);
                writer.WriteAttributeString("rel", "related");
                writer.WriteAttributeString("href", source.Text("url"));
                writer.WriteAttributeString("title", $"{source.Text("title")} [{source.Text("id")}]");
                writer.WriteEndElement();
            }

            if (entry.Category is { } category)
            {
                writer.WriteStartElement("category", Atom);
                writer.WriteAttributeString("term", category);
                writer.WriteEndElement();
            }

            writer.WriteElementString("summary", Atom, entry.Summary);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
    }

    // Atom wants a date-time; a change is dated to the first day its date covers (its precision is in the summary).
    private static string Timestamp(DateOnly day) =>
        day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter writer, string rel, string href, string type)
    {
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }
}
