using System.Globalization;
using System.Net;
using System.Xml;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query.Model;
using Microsoft.Data.Sqlite;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Maatwerk.OpenData.Api.Tests.ThirdPartyClient;

/// <summary>
/// Microsoft's own OData reader (<see cref="ODataMessageReader"/> of Microsoft.OData.Core, with every
/// validation on) reads the service against the service's own CSDL from <c>/v1/$metadata</c>: the service
/// document, every collection to its end by <c>@odata.nextLink</c>, every single entity, the navigation
/// paths and an expansion, at each metadata level and with <c>IEEE754Compatible=true</c>, and a 404 as an
/// OData error. The rows it reads must be exactly the rows the database holds, and the same at every level.
/// </summary>
public sealed class ODataMessageReaderTests(ApiFactory api)
{
    private static readonly Uri ServiceRoot = new("http://localhost/v1/");

    /// <summary>The media types a client sends: each metadata level, and IEEE754Compatible numbers.</summary>
    public static TheoryData<string> Levels() =>
    [
        "application/json;odata.metadata=minimal",
        "application/json;odata.metadata=full",
        "application/json;odata.metadata=none",
        "application/json;odata.metadata=minimal;IEEE754Compatible=true",
    ];

    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task ServiceDocument_ListsEveryEntitySetOfTheMetadata()
    {
        var model = await ModelAsync();
        using var response = await GetAsync(ServiceRoot, "application/json");
        using var reader = Reader(response, model);

        var document = await reader.ReadServiceDocumentAsync();

        Assert.Equal(
            model.EntityContainer.EntitySets().Select(s => s.Name).Order(StringComparer.Ordinal),
            document.EntitySets.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(V1.Definition.Resources.Select(r => r.EntitySet), document.EntitySets.Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task EveryCollectionAndEveryEntity_ReadAtEachLevel_AreTheDatabaseRows(string accept)
    {
        var model = await ModelAsync();
        await using var database = await NodeClient.OpenDatabaseAsync(api);
        foreach (var resource in V1.Definition.Resources)
        {
            var set = model.EntityContainer.FindEntitySet(resource.EntitySet);
            var rows = new List<Row>();
            var pages = 0;
            for (Uri? next = new(ServiceRoot, resource.EntitySet); next is not null; pages++)
            {
                Assert.True(pages < 1000, $"{resource.EntitySet}: the nextLinks do not end.");
                var page = await ReadAsync(model, next, accept, set, collection: true);
                rows.AddRange(page.Rows);
                next = page.NextLink;
            }

            var held = await NodeClient.IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");
            Assert.Equal(held.Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.True(pages > 1, $"{resource.EntitySet} fits on one page, so its nextLinks are not read.");

            foreach (var row in rows)
            {
                var single = await ReadAsync(model, EntityUri(resource.EntitySet, row.Id), accept, set, collection: false);
                Assert.Equal(row.ToString(), Assert.Single(single.Rows).ToString());
            }
        }
    }

    [Fact]
    public async Task EveryLevel_ReadsTheSameValues()
    {
        var model = await ModelAsync();
        foreach (var resource in V1.Definition.Resources)
        {
            var set = model.EntityContainer.FindEntitySet(resource.EntitySet);
            var uri = new Uri(ServiceRoot, $"{resource.EntitySet}?$top=50");
            var minimal = await ReadAsync(model, uri, Levels().First().Data, set, collection: true);
            Assert.NotEmpty(minimal.Rows);
            foreach (var accept in Levels().Skip(1).Select(l => l.Data))
            {
                var other = await ReadAsync(model, uri, accept, set, collection: true);
                Assert.Equal(minimal.Rows.Select(r => r.ToString()), other.Rows.Select(r => r.ToString()));
            }
        }
    }

    [Fact]
    public async Task EveryNavigationOfEveryEntity_ReadsTheRelatedRowsOfTheDatabase()
    {
        var model = await ModelAsync();
        await using var database = await NodeClient.OpenDatabaseAsync(api);
        var accept = Levels().First().Data;
        foreach (var resource in V1.Definition.Resources)
        {
            var set = model.EntityContainer.FindEntitySet(resource.EntitySet);
            var ids = await NodeClient.IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");
            foreach (var navigation in resource.Table.Navigations)
            {
                var target = set.FindNavigationTarget(set.EntityType.FindProperty(navigation.Property) as IEdmNavigationProperty);
                foreach (var id in ids)
                {
                    var related = await RelatedIdsAsync(database, resource.Table, navigation, id);
                    var read = await ReadRelatedAsync(model, new Uri(ServiceRoot, $"{resource.EntitySet}('{Escape(id)}')/{navigation.Property}"), accept, target, navigation.IsCollection);
                    Assert.Equal(related.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task NavigationsAndAnExpansion_ReadAtEachLevel_AreTheDatabaseRows(string accept)
    {
        var model = await ModelAsync();
        await using var database = await NodeClient.OpenDatabaseAsync(api);
        foreach (var resource in V1.Definition.Resources)
        {
            var set = model.EntityContainer.FindEntitySet(resource.EntitySet);
            var id = resource.Examples.Id;
            var expand = string.Join(',', resource.Table.Navigations.Select(n => n.Property));
            var expanded = await ReadAsync(model, new Uri(ServiceRoot, $"{resource.EntitySet}('{Escape(id)}')?$expand={expand}"), accept, set, collection: false);
            var parent = Assert.Single(expanded.Rows);
            Assert.Equal(id, parent.Id);

            foreach (var navigation in resource.Table.Navigations)
            {
                var target = set.FindNavigationTarget(set.EntityType.FindProperty(navigation.Property) as IEdmNavigationProperty);
                var related = await RelatedIdsAsync(database, resource.Table, navigation, id);
                var read = await ReadRelatedAsync(model, new Uri(ServiceRoot, $"{resource.EntitySet}('{Escape(id)}')/{navigation.Property}"), accept, target, navigation.IsCollection);

                Assert.Equal(related.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
                Assert.Equal(related.Order(StringComparer.Ordinal), parent.Related(navigation.Property).Select(r => r.Id).Order(StringComparer.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task MissingEntity_IsAnODataErrorTheReaderReads(string accept)
    {
        var model = await ModelAsync();
        using var response = await GetAsync(new Uri(ServiceRoot, "companies('no-such-company')"), accept);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var reader = Reader(response, model);

        var error = await reader.ReadErrorAsync();

        Assert.False(string.IsNullOrWhiteSpace(error.Code));
        Assert.Contains("no-such-company", error.Message, StringComparison.Ordinal);
    }

    private async Task<IEdmModel> ModelAsync()
    {
        using var response = await GetAsync(new Uri(ServiceRoot, "$metadata"), "application/xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var xml = XmlReader.Create(stream);
        Assert.True(CsdlReader.TryParse(xml, out var model, out var errors), string.Join("; ", errors.Select(e => e.ToString())));
        return model;
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Add("OData-MaxVersion", "4.0");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<Page> ReadAsync(IEdmModel model, Uri uri, string accept, IEdmEntitySetBase set, bool collection)
    {
        using var response = await GetAsync(uri, accept);
        var body = response.IsSuccessStatusCode ? string.Empty : await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{uri} ({accept}): {(int)response.StatusCode} {body}");
        AssertContentType(response, accept);
        using var reader = Reader(response, model);
        try
        {
            var odata = collection
                ? await reader.CreateODataResourceSetReaderAsync(set, set.EntityType)
                : await reader.CreateODataResourceReaderAsync(set, set.EntityType);
            return await Row.ReadAsync(odata);
        }
        catch (ODataException e)
        {
            Assert.Fail($"{uri} ({accept}): {e.Message}");
            throw;
        }
    }

    private async Task<List<string>> ReadRelatedAsync(IEdmModel model, Uri uri, string accept, IEdmNavigationSource target, bool collection)
    {
        if (collection)
        {
            var rows = new List<string>();
            for (Uri? next = uri; next is not null;)
            {
                var page = await ReadAsync(model, next, accept, (IEdmEntitySetBase)target, collection: true);
                rows.AddRange(page.Rows.Select(r => r.Id));
                next = page.NextLink;
            }

            return rows;
        }

        using var probe = await GetAsync(uri, accept);
        if (probe.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        return [.. (await ReadAsync(model, uri, accept, (IEdmEntitySetBase)target, collection: false)).Rows.Select(r => r.Id)];
    }

    private static void AssertContentType(HttpResponseMessage response, string accept)
    {
        var contentType = response.Content.Headers.ContentType!;
        var level = accept.Split(';').Single(p => p.StartsWith("odata.metadata=", StringComparison.Ordinal));
        Assert.Contains(contentType.Parameters, p => $"{p.Name}={p.Value}".Equals(level, StringComparison.OrdinalIgnoreCase));
        var ieee = accept.Contains("IEEE754Compatible=true", StringComparison.Ordinal);
        Assert.Equal(ieee, contentType.Parameters.Any(p => p.Name.Equals("IEEE754Compatible", StringComparison.OrdinalIgnoreCase) && p.Value == "true"));
    }

    private static ODataMessageReader Reader(HttpResponseMessage response, IEdmModel model)
    {
        var message = new ResponseMessage(response);
        var settings = new ODataMessageReaderSettings { Validations = ValidationKinds.All, BaseUri = ServiceRoot };

        // The reader demands @odata.context in every response, which odata.metadata=none omits (JSON Format,
        // section 3.1.3); it reads such a payload as a message without it, typed by the given entity set.
        var none = response.Content.Headers.ContentType?.Parameters.Any(p => p.Name == "odata.metadata" && p.Value == "none") == true;
        return none ? new ODataMessageReader((IODataRequestMessageAsync)message, settings, model)
            : new ODataMessageReader((IODataResponseMessageAsync)message, settings, model);
    }

    private static Uri EntityUri(string entitySet, string id) => new(ServiceRoot, $"{entitySet}('{Escape(id)}')");

    private static string Escape(string id) => Uri.EscapeDataString(id.Replace("'", "''", StringComparison.Ordinal));

    /// <summary>The keys of the rows related to one row, read from the tables with the relationship's own columns.</summary>
    private static Task<List<string>> RelatedIdsAsync(SqliteConnection database, EntityMap parent, NavigationMap navigation, string id)
    {
        var target = navigation.Target();
        var sql = navigation.Via is { } via
            ? $"SELECT t.{target.Key.Column} FROM {target.Table} t JOIN {via.Table} l ON l.{via.TargetColumn} = t.{navigation.TargetColumn} " +
              $"JOIN {parent.Table} p ON p.{navigation.SourceColumn} = l.{via.SourceColumn} WHERE p.{parent.Key.Column} = $id"
            : $"SELECT t.{target.Key.Column} FROM {target.Table} t JOIN {parent.Table} p ON t.{navigation.TargetColumn} = p.{navigation.SourceColumn} WHERE p.{parent.Key.Column} = $id";
        return NodeClient.IdsAsync(database, sql, id);
    }

    /// <summary>One page the reader read: its top-level rows and its next link.</summary>
    private sealed record Page(List<Row> Rows, Uri? NextLink);

    /// <summary>A row as the reader gave it: its primitive values and its expanded or complex nested rows.</summary>
    private sealed class Row
    {
        private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, List<Row>> nested = new(StringComparer.Ordinal);

        public string Id => values["id"];

        public List<Row> Related(string property) => nested.TryGetValue(property, out var rows) ? rows : [];

        /// <summary>Reads a resource or a resource set, with everything nested in it, to its end.</summary>
        public static async Task<Page> ReadAsync(ODataReader reader)
        {
            var top = new List<Row>();
            Uri? next = null;
            var rows = new Stack<Row>();
            var links = new Stack<(Row Parent, string Name)>();
            while (await reader.ReadAsync())
            {
                switch (reader.State)
                {
                    case ODataReaderState.ResourceStart:
                        var row = new Row();
                        if (links.Count > 0)
                        {
                            var (parent, name) = links.Peek();
                            parent.nested.TryAdd(name, []);
                            if (reader.Item is not null)
                            {
                                parent.nested[name].Add(row);
                            }
                        }

                        rows.Push(row);
                        break;
                    case ODataReaderState.ResourceEnd:
                        var done = rows.Pop();
                        if (reader.Item is ODataResource resource)
                        {
                            foreach (var property in resource.Properties.OfType<ODataProperty>())
                            {
                                done.values[property.Name] = Text(property.Value);
                            }
                        }

                        if (links.Count == 0 && reader.Item is not null)
                        {
                            top.Add(done);
                        }

                        break;
                    case ODataReaderState.NestedResourceInfoStart:
                        // A navigation link alone (full metadata) is no content; an expanded or complex value is.
                        links.Push((rows.Peek(), ((ODataNestedResourceInfo)reader.Item!).Name));
                        break;
                    case ODataReaderState.NestedResourceInfoEnd:
                        links.Pop();
                        break;
                    case ODataReaderState.ResourceSetStart when links.Count > 0:
                        var (owner, setName) = links.Peek();
                        owner.nested.TryAdd(setName, []);
                        break;
                    case ODataReaderState.ResourceSetEnd when links.Count == 0:
                        next = ((ODataResourceSet)reader.Item!).NextPageLink;
                        break;
                }
            }

            return new Page(top, next);
        }

        public override string ToString() =>
            "{" + string.Join(",", values.Select(v => $"{v.Key}:{v.Value}").Concat(nested.Select(n => $"{n.Key}:[{string.Join(",", n.Value)}]"))) + "}";

        private static string Text(object? value) => value switch
        {
            null => "null",
            ODataCollectionValue collection => "[" + string.Join(",", collection.Items.Cast<object?>().Select(Text)) + "]",
            ODataEnumValue code => code.Value,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    /// <summary>An HTTP response as Microsoft.OData.Core reads it.</summary>
    private sealed class ResponseMessage(HttpResponseMessage response) : IODataResponseMessageAsync, IODataRequestMessageAsync
    {
        private readonly Stream body = response.Content.ReadAsStream();

        public IEnumerable<KeyValuePair<string, string>> Headers =>
            response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)));

        public int StatusCode
        {
            get => (int)response.StatusCode;
            set => throw new NotSupportedException("A response that was read is not changed.");
        }

        public Uri Url
        {
            get => response.RequestMessage!.RequestUri!;
            set => throw new NotSupportedException("A response that was read is not changed.");
        }

        public string Method
        {
            get => response.RequestMessage!.Method.Method;
            set => throw new NotSupportedException("A response that was read is not changed.");
        }

        public string GetHeader(string headerName) =>
            Headers.FirstOrDefault(h => h.Key.Equals(headerName, StringComparison.OrdinalIgnoreCase)).Value!;

        public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException("A response that was read is not changed.");

        public Stream GetStream() => body;

        public Task<Stream> GetStreamAsync() => Task.FromResult(body);
    }
}
