using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// The requirements of OData 4.01 Minimal and Intermediate conformance (Protocol, section Conformance)
/// that the other test classes do not already show; openapi/README.md maps every item to its test.
/// </summary>
public sealed class ODataConformanceTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private static HttpRequestMessage Get(string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [Theory]
    [InlineData("/v1", null, "4.0")]
    [InlineData("/v1/$metadata", null, "4.0")]
    [InlineData("/v1/companies", null, "4.0")]
    [InlineData("/v1/companies/nobian", "4.0", "4.0")]
    [InlineData("/v1/companies/nobian/name", "4.01", "4.01")]
    [InlineData("/v1/companies/$count", "4.01", "4.01")]
    [InlineData("/v1/companies?$filter=nosuch eq 1", "4.01", "4.01")]
    [InlineData("/v1/companies?$top=x", null, "4.0")]
    [InlineData("/v1/companies/no-such-company", null, "4.0")]
    public async Task ODataVersion_EveryODataResponse_IsTheHighestTheClientAllows(string url, string? maxVersion, string expected)
    {
        using var request = maxVersion is null ? Get(url) : Get(url, ("OData-MaxVersion", maxVersion));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.Single(response.Headers.GetValues("OData-Version")));
    }

    [Theory]
    [InlineData("OData-MaxVersion", "3.0", 400, "OData-MaxVersion")]
    [InlineData("OData-MaxVersion", "four", 400, "OData-MaxVersion")]
    [InlineData("OData-Version", "5.0", 400, "OData-Version")]
    [InlineData("Accept", "application/xml", 406, "application/json")]
    [InlineData("Accept", "application/atom+xml", 406, "application/json")]
    [InlineData("Accept", "application/json;odata.metadata=verbose", 406, "odata.metadata=minimal, full or none")]
    [InlineData("Isolation", "snapshot", 412, "snapshot")]
    [InlineData("OData-Isolation", "snapshot", 412, "snapshot")]
    public async Task ProtocolHeader_ThatCannotBeHonoured_FailsWithAProblem(string header, string value, int status, string detail)
    {
        using var request = Get("/v1/companies", (header, value));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // OData headers, or an OData Accept, mark an OData client, which gets the OData error object.
        var odataClient = header is "OData-MaxVersion" or "OData-Version" || value.Contains("odata.", StringComparison.Ordinal);
        var message = ApiJson.AssertError(response, body.RootElement, status, odataClient);
        Assert.Contains(detail, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/companies", "OData-MaxVersion", "4.0")]
    [InlineData("/v1/companies", "OData-Version", "4.01")]
    [InlineData("/v1/companies", "Accept", "application/json")]
    [InlineData("/v1/companies", "Accept", "application/json;odata.metadata=minimal")]
    [InlineData("/v1/companies", "Accept", "application/json;metadata=none")]
    [InlineData("/v1/companies", "Accept", "application/json;odata.metadata=full")]
    [InlineData("/v1/companies", "Accept", "application/xml, application/json;q=0.5")]
    [InlineData("/v1/companies", "Accept", "*/*")]
    [InlineData("/v1/$metadata", "Accept", "application/xml")]
    public async Task ProtocolHeader_ThatCanBeHonoured_IsServed(string url, string header, string value)
    {
        using var request = Get(url, (header, value));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/companies?$format=json")]
    [InlineData("/v1/companies?$format=application/json")]
    [InlineData("/v1/companies?$format=application/json;odata.metadata=minimal")]
    [InlineData("/v1/companies/nobian?format=JSON")]
    [InlineData("/v1/$metadata?$format=json")]
    [InlineData("/v1/$metadata?format=json")]
    [InlineData("/v1/$metadata?$Format=application/json")]
    public async Task Format_Json_IsServedAsJson(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("odata.maxpagesize=3")]
    [InlineData("maxpagesize=3")]
    public async Task Preference_MaxPageSizePrefixedOrNot_GivesSmallerPagesAndIsReported(string preference)
    {
        using var request = Get("/v1/status-changes", ("Prefer", preference));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3, body.RootElement.GetProperty("value").GetArrayLength());
        Assert.True(body.RootElement.TryGetProperty("@odata.nextLink", out _));
        Assert.Equal(preference, Assert.Single(response.Headers.GetValues("Preference-Applied")));
    }

    [Fact]
    public async Task Extensibility_UnknownCustomOptionsAndPreferences_AreIgnored()
    {
        using var request = Get("/v1/companies?source=newsletter&$schemaversion=1&$select=id", ("Prefer", "odata.track-changes, x-unknown=1"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var (_, all) = await client.GetJsonAsync("/v1/companies?$select=id");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(all.GetProperty("value").ToString(), body.RootElement.GetProperty("value").ToString());
        Assert.False(response.Headers.Contains("Preference-Applied"));
    }

    [Theory]
    [InlineData("$filter=sector EQ 'steel'", "$filter=sector eq 'steel'")]
    [InlineData("$filter=TOLOWER(name) eq 'nobian'", "$filter=tolower(name) eq 'nobian'")]
    [InlineData("$filter=Contains(description,'hydrogen') AND NOT inTop20 eq false", "$filter=contains(description,'hydrogen') and not inTop20 eq false")]
    [InlineData("$orderby=name DESC", "$orderby=name desc")]
    [InlineData("$filter=statusChanges/ANY(s: s/toPhaseId eq 'stopped')", "$filter=statusChanges/any(s: s/toPhaseId eq 'stopped')")]
    public async Task OperatorsAndFunctions_InAnyCase_MeanTheSame(string written, string canonical)
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies?$select=id&" + written);
        var (_, expected) = await client.GetJsonAsync("/v1/companies?$select=id&" + canonical);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, expected.GetProperty("value").GetArrayLength());
        Assert.Equal(expected.GetProperty("value").ToString(), body.GetProperty("value").ToString());
    }

    [Theory]
    [InlineData("/v1/companies?$filter=sector eq @s&@s='steel'", "/v1/companies?$filter=sector eq 'steel'")]
    [InlineData("/v1/sources?$filter=startswith(url,@u)&@u='https://www.rijksoverheid.nl/'", "/v1/sources?$filter=startswith(url,'https://www.rijksoverheid.nl/')")]
    [InlineData("/v1/agreed-reductions?$filter=amount ge @min and substance eq @s&@min=1&@s='CO2'", "/v1/agreed-reductions?$filter=amount ge 1 and substance eq 'CO2'")]
    public async Task ParameterAliases_InFilter_AreResolved(string aliased, string literal)
    {
        var (rows, _, _) = await client.WalkAsync(aliased);
        var (expected, _, _) = await client.WalkAsync(literal);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Ids(), rows.Ids());
    }

    [Theory]
    [InlineData("/v1/companies?$filter=currentPhase eq null", "/v1/companies?$filter=currentPhaseId eq null")]
    [InlineData("/v1/status-changes?$filter=fromPhase ne null", "/v1/status-changes?$filter=fromPhaseId ne null")]
    public async Task SingleRelationship_ComparedWithNull_Filters(string byRelationship, string byKey)
    {
        var (rows, _, _) = await client.WalkAsync(byRelationship);
        var (expected, _, _) = await client.WalkAsync(byKey);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Ids(), rows.Ids());
    }

    [Fact]
    public async Task NestedSelect_InAComplexCollection_KeepsOnlyTheNamedMembers()
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies/nobian?$select=id,sites($select=province)");
        var (_, full) = await client.GetJsonAsync("/v1/companies/nobian");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("#companies(id,sites(province))/$entity", body.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        var sites = body.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(full.GetProperty("sites").GetArrayLength(), sites.Count);
        Assert.All(sites, s => Assert.Equal(["province"], s.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(full.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("province").ToString()), sites.Select(s => s.GetProperty("province").ToString()));
    }

    [Theory]
    [InlineData("/v1/companies/nobian/name", "\"Nobian\"")]
    [InlineData("/v1/companies('nobian')/inTop20", "true")]
    [InlineData("/v1/status-changes/nobian-2024-12-19/periodStart", "\"2024-12-19\"")]
    [InlineData("/v1/agreed-reductions/nobian-binding-agreement-co2/amount", "0.5")]
    [InlineData("/v1/companies/nobian/sourceIds", "[")]
    public async Task PropertyPath_OfOneRecord_IsTheValueWithItsContext(string url, string valueStart)
    {
        var (response, body) = await client.GetJsonAsync(url);
        var property = url.Split('/')[^1];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("')/" + property, body.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(valueStart, body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["@odata.context", "value"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("/v1/companies/nobian/name/$value", "Nobian")]
    [InlineData("/v1/status-changes/nobian-2024-12-19/periodStart/$value", "2024-12-19")]
    [InlineData("/v1/companies/nobian/programmeOrder/$value", null)]
    public async Task PropertyValue_IsTheBareValueAsText(string url, string? expected)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var (_, record) = await client.GetJsonAsync(url[..^"/$value".Length]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected ?? record.GetProperty("value").GetRawText(), text);
    }

    [Theory]
    [InlineData("/v1/companies/frieslandcampina/currentPhaseId")]
    [InlineData("/v1/companies/frieslandcampina/currentPhaseId/$value")]
    public async Task PropertyPath_WithoutAValue_Is204(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/companies/nobian/nosuch", 404, "no property 'nosuch'")]
    [InlineData("/v1/companies/no-such-company/name", 404, "no-such-company")]
    [InlineData("/v1/companies/nobian/sites/$value", 400, "collection")]
    [InlineData("/v1/companies/nobian/name?$filter=name eq 'x'", 400, "$filter")]
    public async Task PropertyPath_Invalid_IsAProblem(string url, int status, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, status);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status-changes", "$filter=toPhaseId eq 'stopped'")]
    [InlineData("agreed-reductions", "")]
    public async Task CountSegment_OfARelationship_IsTheNumberOfTheCompanysRows(string children, string filter)
    {
        var (rows, _, _) = await client.WalkAsync($"/v1/companies/nobian/{children}?{filter}");
        var count = await client.GetStringAsync(new Uri($"/v1/companies/nobian/{children}/$count?{filter}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync(new Uri($"/v1/companies/no-such-company/{children}/$count", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Metadata_TypesAndIdentifiers_AreCsdlOnesThatDifferBeyondCase()
    {
        var xml = XDocument.Parse(await client.GetStringAsync(new Uri("/v1/$metadata", UriKind.Relative), TestContext.Current.CancellationToken));
        var schemaNamespace = xml.Descendants().Single(e => e.Name.LocalName == "Schema").Attribute("Namespace")!.Value;
        var types = xml.Descendants().Where(e => e.Name.LocalName is "Property" or "NavigationProperty").Select(e => e.Attribute("Type")!.Value);

        Assert.All(types, type => Assert.Matches($@"^(Collection\()?(Edm\.\w+|{schemaNamespace.Replace(".", @"\.", StringComparison.Ordinal)}\.\w+)\)?$", type));
        foreach (var structured in xml.Descendants().Where(e => e.Name.LocalName is "EntityType" or "ComplexType" or "EntityContainer"))
        {
            var names = structured.Elements().Select(e => e.Attribute("Name")?.Value).OfType<string>().ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public async Task Metadata_Container_AnnouncesVersionsAndConformanceLevel()
    {
        using var csdl = JsonDocument.Parse(await client.GetStringAsync(new Uri("/v1/$metadata?$format=json", UriKind.Relative), TestContext.Current.CancellationToken));
        var schema = csdl.RootElement.GetProperty("Maatwerk.OpenData");
        var container = schema.GetProperty("MaatwerkOpenData");

        Assert.Equal("4.0 4.01", container.GetProperty("@Core.ODataVersions").GetString());
        Assert.Equal("Intermediate", container.GetProperty("@Capabilities.ConformanceLevel").GetString());
    }

    [Theory]
    [InlineData("companies")]
    [InlineData("phases")]
    [InlineData("status-changes")]
    [InlineData("agreed-reductions")]
    [InlineData("sources")]
    public async Task PropertyNames_InResponses_AreThoseOfMetadataInTheirCase(string path)
    {
        var xml = XDocument.Parse(await client.GetStringAsync(new Uri("/v1/$metadata", UriKind.Relative), TestContext.Current.CancellationToken));
        var (_, service) = await client.GetJsonAsync("/v1");
        var entitySet = service.GetProperty("value").EnumerateArray().Single(e => e.GetProperty("url").GetString() == path).GetProperty("name").GetString();
        var typeName = xml.Descendants().Single(e => e.Name.LocalName == "EntitySet" && e.Attribute("Name")!.Value == entitySet).Attribute("EntityType")!.Value.Split('.')[^1];
        var declared = xml.Descendants().Single(e => e.Name.LocalName == "EntityType" && e.Attribute("Name")!.Value == typeName)
            .Elements().Where(e => e.Name.LocalName == "Property").Select(e => e.Attribute("Name")!.Value).ToList();
        var (_, page) = await client.GetJsonAsync($"/v1/{path}?$top=1");

        Assert.Equal(declared, page.GetProperty("value")[0].EnumerateObject().Select(p => p.Name));
    }
}
