using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// Real responses of every endpoint (collections, single records, expansions, aggregates and errors)
/// validate against the schemas of the committed openapi/v1.json.
/// </summary>
public sealed class ResponseSchemaTests(ApiFactory api)
{
    private static readonly CommittedSchemas Schemas = new("v1");

    public static TheoryData<string, string, string, bool> Responses() => new()
    {
        // url, documented path, status, strict (every property present, none undocumented)
        { "/v1", "/", "200", true },
        { "/v1/companies", "/companies", "200", true },
        { "/v1/companies?$count=true&$top=3", "/companies", "200", true },
        { "/v1/companies?$expand=statusChanges,currentPhase,sources&$top=20", "/companies", "200", true },
        { "/v1/companies?$expand=agreedReductions($count=true;$top=1)", "/companies", "200", true },
        { "/v1/companies?$select=id,inTop20,sites", "/companies", "200", false },
        { "/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as n))", "/companies", "200", false },
        { "/v1/companies/nobian", "/companies/{id}", "200", true },
        { "/v1/companies/frieslandcampina?$expand=currentPhase,statusChanges", "/companies/{id}", "200", true },
        { "/v1/companies/nobian/status-changes", "/companies/{id}/status-changes", "200", true },
        { "/v1/companies/nobian/agreed-reductions", "/companies/{id}/agreed-reductions", "200", true },
        { "/v1/phases", "/phases", "200", true },
        { "/v1/phases?$expand=companies,sources", "/phases", "200", true },
        { "/v1/phases/jloi", "/phases/{id}", "200", true },
        { "/v1/status-changes", "/status-changes", "200", true },
        { "/v1/status-changes?$expand=company,fromPhase,toPhase", "/status-changes", "200", true },
        { "/v1/status-changes/tata-steel-nederland-undated", "/status-changes/{id}", "200", true },
        { "/v1/agreed-reductions", "/agreed-reductions", "200", true },
        { "/v1/agreed-reductions?$expand=company,phase,sources", "/agreed-reductions", "200", true },
        { "/v1/agreed-reductions/nobian-binding-agreement-co2", "/agreed-reductions/{id}", "200", true },
        { "/v1/sources", "/sources", "200", true },
        { "/v1/sources?$expand=companies,phases,statusChanges", "/sources", "200", true },
        { "/v1/sources/s009", "/sources/{id}", "200", true },
        { "/v1/sources/s001?$expand=programmeEvents", "/sources/{id}", "200", true },
        { "/v1/programme-events", "/programme-events", "200", true },
        { "/v1/dataset", "/dataset", "200", true },
        { "/v1/programme-events?$expand=sources", "/programme-events", "200", true },
        { "/v1/programme-events/2021-12-coalition-agreement", "/programme-events/{id}", "200", true },
        { "/v1/programme-events/2025-06-30-voortgang-maatwerkafspraken/parliamentaryPaper", "/programme-events/{id}/{property}", "200", true },
        { "/v1/companies/$count?$filter=sector eq 'steel'", "/companies/$count", "200", true },
        { "/v1/status-changes/$count", "/status-changes/$count", "200", true },
        { "/v1/companies/nobian/status-changes/$count", "/companies/{id}/status-changes/$count", "200", true },
        { "/v1/companies/nobian/agreed-reductions/$count", "/companies/{id}/agreed-reductions/$count", "200", true },
        { "/v1/companies/nobian/name", "/companies/{id}/{property}", "200", true },
        { "/v1/companies/nobian/sites", "/companies/{id}/{property}", "200", true },
        { "/v1/phases/jloi/ordinal", "/phases/{id}/{property}", "200", true },
        { "/v1/status-changes/nobian-2024-12-19/isDisputed", "/status-changes/{id}/{property}", "200", true },
        { "/v1/agreed-reductions/nobian-binding-agreement-co2/amount", "/agreed-reductions/{id}/{property}", "200", true },
        { "/v1/sources/s009/url", "/sources/{id}/{property}", "200", true },
        { "/v1/companies/nobian/nosuch", "/companies/{id}/{property}", "404", true },
        { "/v1/companies/nobian/sites/$value", "/companies/{id}/{property}/$value", "400", true },
        { "/v1/$metadata?$format=json", "/$metadata", "200", true },
        { "/v1/openapi.json", "/openapi.json", "200", true },
        { "/v1/companies?$filter=nosuch eq 1", "/companies", "400", true },
        { "/v1/companies/$count?$filter=nosuch eq 1", "/companies/$count", "400", true },
        { "/v1/status-changes?$top=-1", "/status-changes", "400", true },
        { "/v1/phases/no-such-phase", "/phases/{id}", "404", true },
        { "/v1/companies/no-such-company", "/companies/{id}", "404", true },
        { "/v1/companies?$format=xml", "/companies", "406", true },
        { "/v1/companies?$search=steel", "/companies", "501", true },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Response_OfEveryEndpoint_MatchesTheCommittedSchema(string url, string path, string status, bool strict)
    {
        var (response, body) = await api.CreateClient().GetJsonAsync(url);
        var mediaType = status != "200" ? "application/problem+json" : url.Contains("/$count", StringComparison.Ordinal) ? "text/plain" : "application/json";

        Assert.Equal(status, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = Schemas.Validate(body, Schemas.Response(path, status, mediaType), strict);
        Assert.True(problem is null, $"{url}: {problem}");
    }

    [Theory]
    [InlineData("/v1/companies/nobian/name/$value", "/companies/{id}/{property}/$value")]
    [InlineData("/v1/agreed-reductions/nobian-binding-agreement-co2/amount/$value", "/agreed-reductions/{id}/{property}/$value")]
    [InlineData("/v1/status-changes/nobian-2024-12-19/periodStart/$value", "/status-changes/{id}/{property}/$value")]
    [InlineData("/v1/phases/jloi/isBinding/$value", "/phases/{id}/{property}/$value")]
    [InlineData("/v1/sources/s009/title/$value", "/sources/{id}/{property}/$value")]
    public async Task PropertyValue_AsText_MatchesTheCommittedSchema(string url, string path)
    {
        using var response = await api.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var problem = Schemas.Validate(JsonSerializer.SerializeToElement(text), Schemas.Response(path, "200", "text/plain"), strict: true);
        Assert.True(problem is null, $"{url}: {problem}");
    }

    [Theory]
    [InlineData("name", "title")]
    [InlineData("programmeOrder", "programmeRank")]
    public void Validate_PropertyRenamedOnOneSide_Fails(string documented, string sent)
    {
        var sample = Sample().Replace($"\"{documented}\"", $"\"{sent}\"", StringComparison.Ordinal);

        Assert.NotNull(Schemas.Validate(JsonDocument.Parse(sample).RootElement, CommittedSchemas.Component("Company"), strict: true));
        Assert.Null(Schemas.Validate(JsonDocument.Parse(Sample()).RootElement, CommittedSchemas.Component("Company"), strict: true));
    }

    [Theory]
    [InlineData("\"programmeOrder\":3", "\"programmeOrder\":\"3\"")]
    [InlineData("\"inTop20\":true", "\"inTop20\":\"yes\"")]
    [InlineData("\"sites\":[]", "\"sites\":{}")]
    public void Validate_TypeChangedOnOneSide_Fails(string documented, string sent)
    {
        Assert.NotNull(Schemas.Validate(JsonDocument.Parse(Sample().Replace(documented, sent, StringComparison.Ordinal)).RootElement, CommittedSchemas.Component("Company"), strict: true));
    }

    [Fact]
    public void Validate_CodeOutsideItsList_Fails()
    {
        const string Change = """{"id":"x","companyId":"c","date":"2025-07","datePrecision":"month","periodStart":"2025-07-01","periodEnd":"2025-07-31","fromPhaseId":null,"toPhaseId":"eop","kind":"phase-change","isDisputed":false,"signatories":null,"description":"d","note":null,"sourceIds":[]}""";

        Assert.Null(Schemas.Validate(JsonDocument.Parse(Change).RootElement, CommittedSchemas.Component("StatusChange"), strict: true));
        Assert.NotNull(Schemas.Validate(JsonDocument.Parse(Change.Replace("phase-change", "phase-jump", StringComparison.Ordinal)).RootElement, CommittedSchemas.Component("StatusChange"), strict: true));
        Assert.NotNull(Schemas.Validate(JsonDocument.Parse(Change.Replace("\"month\"", "\"week\"", StringComparison.Ordinal)).RootElement, CommittedSchemas.Component("StatusChange"), strict: true));
    }

    [Fact]
    public void Validate_DateWithoutDayInADateProperty_Fails()
    {
        const string Change = """{"id":"x","companyId":"c","date":"2025-07","datePrecision":"month","periodStart":"2025-07","periodEnd":"2025-07-31","fromPhaseId":null,"toPhaseId":"eop","kind":"phase-change","isDisputed":false,"signatories":null,"description":"d","note":null,"sourceIds":[]}""";

        Assert.NotNull(Schemas.Validate(JsonDocument.Parse(Change).RootElement, CommittedSchemas.Component("StatusChange"), strict: true));
        Assert.Null(Schemas.Validate(JsonDocument.Parse(Change.Replace("\"periodStart\":\"2025-07\"", "\"periodStart\":\"2025-07-01\"", StringComparison.Ordinal)).RootElement, CommittedSchemas.Component("StatusChange"), strict: true));
    }

    private static string Sample() =>
        """{"id":"x","name":"X","sector":"steel","activity":null,"cluster":null,"clusterBasis":null,"inTop20":true,"currentPhaseId":null,"currentPhaseAsOf":null,"currentPhaseAsOfPrecision":null,"programmeOrder":3,"description":"d","sites":[],"sourceIds":["s001"]}""";
}
