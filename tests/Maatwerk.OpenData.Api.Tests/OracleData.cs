using System.Text.Json;
using Maatwerk.OpenData.Api.AgreedReductions;
using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.ProgrammeEvents;
using Maatwerk.OpenData.Api.Sources;
using Maatwerk.OpenData.Api.StatusChanges;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// Every row of every collection, read once through the API without options, as contract objects with
/// their relationships wired up, so that the oracle can filter, expand and aggregate over them in memory.
/// Collections are in key order, as the API lists related rows.
/// </summary>
internal sealed class OracleData
{
    private OracleData(List<Company> companies, List<Phase> phases, List<StatusChange> statusChanges, List<AgreedReduction> agreedReductions, List<Source> sources, List<ProgrammeEvent> programmeEvents)
    {
        Companies = companies;
        Phases = phases;
        StatusChanges = statusChanges;
        AgreedReductions = agreedReductions;
        Sources = sources;
        ProgrammeEvents = programmeEvents;

        var phaseById = phases.ToDictionary(p => p.Id);
        var companyById = companies.ToDictionary(c => c.Id);
        var sourceById = sources.ToDictionary(s => s.Id);
        List<Source> SourcesOf(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).Select(id => sourceById[id]).ToList();

        foreach (var company in companies)
        {
            company.StatusChanges = statusChanges.Where(s => s.CompanyId == company.Id).ToList();
            company.AgreedReductions = agreedReductions.Where(r => r.CompanyId == company.Id).ToList();
            company.CurrentPhase = company.CurrentPhaseId is null ? null : phaseById[company.CurrentPhaseId];
            company.Sources = SourcesOf(company.SourceIds);
        }

        foreach (var change in statusChanges)
        {
            change.Company = companyById[change.CompanyId];
            change.FromPhase = change.FromPhaseId is null ? null : phaseById[change.FromPhaseId];
            change.ToPhase = phaseById[change.ToPhaseId];
            change.Sources = SourcesOf(change.SourceIds);
        }

        foreach (var reduction in agreedReductions)
        {
            reduction.Company = companyById[reduction.CompanyId];
            reduction.Phase = phaseById[reduction.PhaseId];
            reduction.Sources = SourcesOf(reduction.SourceIds);
        }

        foreach (var phase in phases)
        {
            phase.Companies = companies.Where(c => c.CurrentPhaseId == phase.Id).ToList();
            phase.Sources = SourcesOf(phase.SourceIds);
        }

        foreach (var programmeEvent in programmeEvents)
        {
            programmeEvent.Sources = SourcesOf(programmeEvent.SourceIds);
        }

        foreach (var source in sources)
        {
            source.Companies = companies.Where(c => c.SourceIds.Contains(source.Id)).ToList();
            source.Phases = phases.Where(p => p.SourceIds.Contains(source.Id)).ToList();
            source.StatusChanges = statusChanges.Where(c => c.SourceIds.Contains(source.Id)).ToList();
            source.AgreedReductions = agreedReductions.Where(r => r.SourceIds.Contains(source.Id)).ToList();
            source.ProgrammeEvents = programmeEvents.Where(e => e.SourceIds.Contains(source.Id)).ToList();
        }
    }

    public List<Company> Companies { get; }

    public List<Phase> Phases { get; }

    public List<StatusChange> StatusChanges { get; }

    public List<AgreedReduction> AgreedReductions { get; }

    public List<Source> Sources { get; }

    public List<ProgrammeEvent> ProgrammeEvents { get; }

    public static async Task<OracleData> LoadAsync(HttpClient client) => new(
        await ReadAsync<Company>(client, "companies"),
        await ReadAsync<Phase>(client, "phases"),
        await ReadAsync<StatusChange>(client, "status-changes"),
        await ReadAsync<AgreedReduction>(client, "agreed-reductions"),
        await ReadAsync<Source>(client, "sources"),
        await ReadAsync<ProgrammeEvent>(client, "programme-events"));

    /// <summary>The oracle's answer to a query on a collection path, each row as the JSON a client would see.</summary>
    public (List<JsonElement> Rows, long Count) Apply(string path, string query) => path switch
    {
        "companies" => (Oracle.Apply(Companies, query), Oracle.Count(Companies, query)),
        "phases" => (Oracle.Apply(Phases, query), Oracle.Count(Phases, query)),
        "status-changes" => (Oracle.Apply(StatusChanges, query), Oracle.Count(StatusChanges, query)),
        "agreed-reductions" => (Oracle.Apply(AgreedReductions, query), Oracle.Count(AgreedReductions, query)),
        "programme-events" => (Oracle.Apply(ProgrammeEvents, query), Oracle.Count(ProgrammeEvents, query)),
        _ => (Oracle.Apply(Sources, query), Oracle.Count(Sources, query)),
    };

    private static async Task<List<T>> ReadAsync<T>(HttpClient client, string path)
    {
        var (rows, _, _) = await client.WalkAsync($"/v1/{path}?$orderby=id");
        return rows.Select(r => r.Deserialize<T>(JsonSerializerOptions.Web)!).ToList();
    }
}
