namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// A language of the pages. English pages live at the root (<c>/companies/nobian</c>), Dutch ones
/// under <c>/nl</c> (<c>/nl/companies/nobian</c>), so every page has one URL per language for
/// <c>hreflang</c> links and caches. Texts are written side by side with <see cref="T"/>.
/// </summary>
public sealed class SiteLanguage
{
    private static readonly string[] MonthsEn =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] MonthsNl =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private SiteLanguage(string code, string prefix, string name)
    {
        Code = code;
        Prefix = prefix;
        Name = name;
    }

    public static SiteLanguage English { get; } = new("en", string.Empty, "English");

    public static SiteLanguage Dutch { get; } = new("nl", "/nl", "Nederlands");

    public static IReadOnlyList<SiteLanguage> All { get; } = [English, Dutch];

    /// <summary>The BCP 47 code, for <c>lang</c> and <c>hreflang</c>.</summary>
    public string Code { get; }

    /// <summary>The path prefix of this language's pages (empty for English).</summary>
    public string Prefix { get; }

    /// <summary>The language's own name, for the language switch.</summary>
    public string Name { get; }

    public bool IsDutch => Code == "nl";

    /// <summary>The text in this language.</summary>
    public string T(string english, string dutch) => IsDutch ? dutch : english;

    /// <summary>A page path (starting with <c>/</c>, or empty for the home page) in this language.</summary>
    public string Link(string path) => Prefix + path is { Length: 0 } ? "/" : Prefix + path;

    /// <summary>
    /// A date as precise as it is known: <c>19 December 2024</c>, <c>July 2025</c>, <c>2025</c>, or
    /// "date unknown". The value is ISO 8601 text (<c>2024-12-19</c>, <c>2025-07</c>, <c>2025</c>).
    /// </summary>
    public string Date(string? iso)
    {
        if (string.IsNullOrEmpty(iso))
        {
            return T("date unknown", "datum onbekend");
        }

        var parts = iso.Split('-');
        var months = IsDutch ? MonthsNl : MonthsEn;
        return parts switch
        {
            [var year, var month, var day] => $"{int.Parse(day, System.Globalization.CultureInfo.InvariantCulture)} {months[int.Parse(month, System.Globalization.CultureInfo.InvariantCulture) - 1]} {year}",
            [var year, var month] => $"{months[int.Parse(month, System.Globalization.CultureInfo.InvariantCulture) - 1]} {year}",
            _ => iso,
        };
    }

    /// <summary>A phase's name in this language, from a phase record (<c>nameEn</c>, <c>nameNl</c>).</summary>
    public string PhaseName(SiteRecord? phase) =>
        phase is null ? T("not in the programme", "niet in het programma") : (IsDutch ? phase.Text("nameNl") : phase.Text("nameEn")) ?? string.Empty;
}
