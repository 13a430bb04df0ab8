using Maatwerk.OpenData.Api.AgreedReductions;
using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.CompaniesOnDate;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.ProgrammeEvents;
using Maatwerk.OpenData.Api.Sources;
using Maatwerk.OpenData.Api.StatusChanges;

namespace Maatwerk.OpenData.Api.Versioning;

/// <summary>Version 1 of the API: the contract described in <c>openapi/v1.json</c>.</summary>
public static class V1
{
    public static readonly ApiVersionDefinition Definition = new("v1", "1.2.0",
    [
        CompanyEndpoints.Resource,
        PhaseEndpoints.Resource,
        StatusChangeEndpoints.Resource,
        AgreedReductionEndpoints.Resource,
        SourceEndpoints.Resource,
        ProgrammeEventEndpoints.Resource,
    ])
    {
        Functions = [CompanyOnDateEndpoints.Function],
    };
}
