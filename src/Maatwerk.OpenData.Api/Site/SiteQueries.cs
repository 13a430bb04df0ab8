using Maatwerk.OpenData.Query;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>The API requests the pages are made of, in one place: each section of a page shows one of these and links to it.</summary>
public sealed class SiteQueries(SiteData data)
{
    /// <summary>
    /// Whether the API answers <c>$format=csv</c>; the pages show "the same answer as CSV" links only
    /// when it does, so that every link on them works.
    /// </summary>
    public bool CsvAvailable => true;

    /// <summary>Every phase: the steps in order, then the side states.</summary>
    public ApiQuery Phases => ApiQuery.Of(data.Resource("phases"), ("$orderby", "kind desc,ordinal"), ("$select", "id,ordinal,nameEn,nameNl,kind"));

    /// <summary>How many companies are in each phase now.</summary>
    public ApiQuery CompaniesPerPhase => ApiQuery.Of(data.Resource("companies"), ("$apply", "groupby((currentPhaseId),aggregate($count as companies))"));

    /// <summary>Every company with its phase now, in the order they entered the programme.</summary>
    public ApiQuery Companies => ApiQuery.Of(data.Resource("companies"), ("$select", "id,name,currentPhaseId,currentPhaseAsOf"));

    /// <summary>The signed Expressions of Principles the data identifies (one per company).</summary>
    public ApiQuery EopSignings => ApiQuery.Of(data.Resource("statusChanges"),
        ("$filter", "toPhaseId eq 'eop' and kind eq 'phase-change'"), ("$select", "id,companyId,date"), ("$count", "true"));

    /// <summary>The most recent moves between phases.</summary>
    public ApiQuery LatestChanges => ApiQuery.Of(data.Resource("statusChanges"),
        ("$filter", "kind eq 'phase-change'"), ("$orderby", "periodStart desc"), ("$top", "8"),
        ("$expand", "company($select=id,name)"));

    /// <summary>The programme's own timeline: its milestones in date order.</summary>
    public ApiQuery ProgrammeEvents => ApiQuery.Of(data.Resource("programmeEvents"),
        ("$orderby", "periodStart,id"), ("$select", "id,date,title,parliamentaryPaper,sourceIds"));

    /// <summary>Every dated move between phases, by company and date (the timeline chart).</summary>
    public ApiQuery PhaseChanges => ApiQuery.Of(data.Resource("statusChanges"),
        ("$filter", "kind eq 'phase-change' and periodStart ne null"), ("$orderby", "companyId,periodStart"),
        ("$select", "id,companyId,date,periodStart,toPhaseId"), ("$expand", "company($select=name)"));

    /// <summary>How many reductions were agreed per substance and target year.</summary>
    public ApiQuery ReductionsPerSubstanceAndYear => ApiQuery.Of(data.Resource("agreedReductions"),
        ("$apply", "groupby((substance,targetYear),aggregate($count as reductions))"), ("$orderby", "substance,targetYear"));

    /// <summary>Three questions a journalist asks, answered by the API (shown on the home page as links).</summary>
    public IReadOnlyList<(string English, string Dutch, ApiQuery Query)> Examples =>
    [
        ("Which companies have a binding agreement?", "Welke bedrijven hebben een bindende afspraak?",
            ApiQuery.Of(data.Resource("companies"), ("$filter", "currentPhaseId eq 'binding-agreement'"), ("$select", "id,name,currentPhaseAsOf"))),
        ("Who stopped, and is that disputed?", "Wie is gestopt, en wordt dat betwist?",
            ApiQuery.Of(data.Resource("statusChanges"), ("$filter", "toPhaseId eq 'stopped'"), ("$select", "companyId,date,isDisputed,note"))),
        ("Which N2O reductions were agreed?", "Welke N2O-reducties zijn afgesproken?",
            ApiQuery.Of(data.Resource("agreedReductions"), ("$filter", "substance eq 'N2O'"), ("$select", "id,companyId,amount,unit,targetYear"))),
    ];

    /// <summary>One company, with its phase now and the sources about it.</summary>
    public ApiQuery Company(string id) => Child("companies", $"companies/{Uri.EscapeDataString(id)}", "id", id,
        ("$expand", "currentPhase($select=id,nameEn,nameNl),sources"));

    /// <summary>A company's status changes in date order, with their phases and sources.</summary>
    public ApiQuery CompanyChanges(string id) => Child("statusChanges", $"companies/{Uri.EscapeDataString(id)}/status-changes", "companyId", id,
        ("$orderby", "periodStart,id"), ("$expand", "fromPhase($select=id,nameEn,nameNl),toPhase($select=id,nameEn,nameNl),sources"));

    /// <summary>A company's agreed reductions, with their phase and sources.</summary>
    public ApiQuery CompanyReductions(string id) => Child("agreedReductions", $"companies/{Uri.EscapeDataString(id)}/agreed-reductions", "companyId", id,
        ("$orderby", "substance,targetYear"), ("$expand", "phase($select=id,nameEn,nameNl),sources"));

    /// <summary>One phase, with the companies in it now.</summary>
    public ApiQuery Phase(string id) => Child("phases", $"phases/{Uri.EscapeDataString(id)}", "id", id,
        ("$expand", "companies($select=id,name,currentPhaseAsOf),sources"));

    /// <summary>Every source, newest first.</summary>
    public ApiQuery Sources => ApiQuery.Of(data.Resource("sources"), ("$orderby", "periodStart desc,id"));

    /// <summary>The feed's status changes, newest first: all, one company's, or those into or out of one phase.</summary>
    public ApiQuery FeedChanges(string? company, string? phase)
    {
        var filter = "periodStart ne null";
        if (phase is not null)
        {
            var literal = "'" + phase.Replace("'", "''", StringComparison.Ordinal) + "'";
            filter += $" and (toPhaseId eq {literal} or fromPhaseId eq {literal})";
        }

        (string, string)[] options =
        [
            ("$filter", filter), ("$orderby", "periodStart desc,id desc"), ("$top", "100"),
            ("$expand", "company($select=id,name),fromPhase($select=id,nameEn),toPhase($select=id,nameEn),sources($select=id,title,url)"),
        ];
        return company is null
            ? ApiQuery.Of(data.Resource("statusChanges"), options)
            : Child("statusChanges", $"companies/{Uri.EscapeDataString(company)}/status-changes", "companyId", company, options);
    }

    /// <summary>The feed's programme events, newest first.</summary>
    public ApiQuery FeedEvents => ApiQuery.Of(data.Resource("programmeEvents"),
        ("$orderby", "periodStart desc,id desc"), ("$top", "100"), ("$expand", "sources($select=id,title,url)"));

    /// <summary>Every company's state at the end of a day, with its name and phase.</summary>
    public ApiQuery CompaniesOnDate(DateOnly day) => OnDate(day,
        ("$expand", "company($select=id,name),phase($select=id,nameEn,nameNl)"), ("$orderby", "phaseId,companyId"));

    /// <summary>How many companies were in each phase at the end of a day.</summary>
    public ApiQuery CompaniesPerPhaseOnDate(DateOnly day) => OnDate(day, ("$apply", "groupby((phaseId),aggregate($count as companies))"));

    private ApiQuery OnDate(DateOnly day, params (string Name, string Value)[] options)
    {
        var function = data.Function("companiesOnDate");
        var path = $"{function.Name}(date={day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})";
        return new ApiQuery(function.Table, function.ContractType, path, [.. options.Select(o => KeyValuePair.Create(o.Name, o.Value))]) { OnDate = day };
    }

    private ApiQuery Child(string entitySet, string path, string property, string id, params (string Name, string Value)[] options) =>
        ApiQuery.At(data.Resource(entitySet), path, options) with { Scope = [new ScopeCondition(property, id)] };
}
