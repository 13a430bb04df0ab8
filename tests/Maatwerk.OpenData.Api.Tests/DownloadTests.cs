using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The bulk download: a valid Frictionless data package whose CSVs, loaded into a fresh database,
/// equal the served database row for row; the same bytes on every fetch; and the SQLite file.
/// </summary>
public sealed class DownloadTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private async Task<(byte[] Bytes, Dictionary<string, byte[]> Entries)> DownloadAsync()
    {
        var response = await client.GetAsync(new Uri("/v1/download", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entries = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        return (bytes, entries);
    }

    private static JsonSchema Profile()
    {
        var text = File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "Frictionless", "tabular-data-package.json"));
        return JsonSchema.FromText(text.Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal));
    }

    private static bool IsValid(JsonSchema schema, JsonNode descriptor) => Errors(schema, descriptor).Count == 0;

    private static List<string> Errors(JsonSchema schema, JsonNode descriptor)
    {
        var result = schema.Evaluate(JsonDocument.Parse(descriptor.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").Take(10).ToList();
    }

    [Fact]
    public async Task Download_DataPackage_IsValidAgainstThePublishedProfileAndDescribesEveryFile()
    {
        var (_, entries) = await DownloadAsync();
        var descriptor = JsonNode.Parse(entries[BulkDownload.DescriptorName])!;
        var schema = Profile();

        Assert.Empty(Errors(schema, descriptor));
        var broken = descriptor.DeepClone();
        broken["resources"]![0]!["schema"]!["fields"]![0]!["type"] = "text";
        Assert.False(IsValid(schema, broken), "the profile accepts a field type Table Schema does not have");

        var resources = descriptor["resources"]!.AsArray();
        Assert.Equal(BulkDownload.Files.Select(f => f.FileName), resources.Select(r => r!["path"]!.GetValue<string>()));
        Assert.Equal(entries.Keys.Where(k => k != BulkDownload.DescriptorName).Order(StringComparer.Ordinal), resources.Select(r => r!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("CC0-1.0", descriptor["licenses"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(101, descriptor["sources"]!.AsArray().Count);
        Assert.Matches(@"^\d{4}\.\d{2}\.\d+$", descriptor["version"]!.GetValue<string>());
        var changes = resources.Single(r => r!["name"]!.GetValue<string>() == "status-changes")!["schema"]!;
        Assert.Equal("id", changes["primaryKey"]![0]!.GetValue<string>());
        Assert.Contains(changes["foreignKeys"]!.AsArray(), k => k!["fields"]!.GetValue<string>() == "companyId" && k["reference"]!["resource"]!.GetValue<string>() == "companies");
        var kind = changes["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "kind")!;
        Assert.Equal(["phase-change", "milestone"], kind["constraints"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("date", changes["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "periodStart")!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Download_TwoFetches_AreByteIdentical()
    {
        var (first, _) = await DownloadAsync();
        var (second, _) = await DownloadAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Download_CsvsLoadedIntoAFreshDatabase_EqualTheServedDatabaseRowForRow()
    {
        var (_, entries) = await DownloadAsync();
        var descriptor = JsonNode.Parse(entries[BulkDownload.DescriptorName])!;
        var folder = Path.Combine(api.Folder, "round-trip-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var fresh = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "fresh.db"), Pooling = false }.ToString();
        SchemaScripts.Apply(SqliteDialect.Instance, fresh);

        await using (var connection = new SqliteConnection(fresh))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = connection.BeginTransaction();
            foreach (var (fileName, table, columns) in BulkDownload.Files)
            {
                var types = descriptor["resources"]!.AsArray().Single(r => r!["path"]!.GetValue<string>() == fileName)!["schema"]!["fields"]!.AsArray()
                    .ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["type"]!.GetValue<string>());
                using var reader = CsvHelper.CsvReader.Create(new StringReader(System.Text.Encoding.UTF8.GetString(entries[fileName])), null, false);
                var headers = reader.Headers!.ToList();
                Assert.Equal(columns.Select(c => c.Header), headers);
                while (reader.Read())
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var text = reader.GetString(i);
                        object value = text.Length == 0 ? DBNull.Value
                            : types[headers[i]] == "boolean" ? (bool.Parse(text) ? 1 : 0)
                            : text;
                        insert.Parameters.AddWithValue("@p" + i, value);
                    }

                    await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                }
            }

            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var served = new SqliteConnectionStringBuilder { DataSource = api.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString();
        foreach (var (fileName, table, columns) in BulkDownload.Files)
        {
            var select = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Column}\""))} FROM \"{table}\" ORDER BY {string.Join(", ", columns.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)))}";
            var expected = await RowsAsync(served, select);
            var actual = await RowsAsync(fresh, select);
            Assert.NotEmpty(expected);
            Assert.True(expected.Count == actual.Count, $"{fileName}: {actual.Count} rows, the served table has {expected.Count}");
            for (var r = 0; r < expected.Count; r++)
            {
                Assert.True(expected[r].SequenceEqual(actual[r]), $"{fileName} row {r + 1}: [{string.Join('|', actual[r])}] differs from [{string.Join('|', expected[r])}]");
            }
        }
    }

    private static async Task<List<object?[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task DatabaseFile_Downloaded_IsTheServedDatabaseWithEveryTable()
    {
        var response = await client.GetAsync(new Uri("/v1/download/database", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(api.Folder, "downloaded-" + Guid.NewGuid().ToString("N") + ".sqlite");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        var downloaded = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var served = new SqliteConnectionStringBuilder { DataSource = api.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString();
        foreach (var (_, table, _) in BulkDownload.Files)
        {
            var sql = $"SELECT COUNT(*) FROM \"{table}\"";
            Assert.Equal((await RowsAsync(served, sql))[0][0], (await RowsAsync(downloaded, sql))[0][0]);
        }
    }
}
