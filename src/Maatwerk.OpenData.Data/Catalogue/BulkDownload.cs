using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// The whole release as one ZIP: <c>datapackage.json</c> (a Frictionless Tabular Data Package descriptor
/// with a Table Schema per file) and one CSV per table, each streamed from the database in key order.
/// The bytes depend only on the data: entries come in a fixed order with the release date as their time,
/// so the same release always gives the same archive.
/// </summary>
public static class BulkDownload
{
    public const string DescriptorName = "datapackage.json";

    public const string MediaType = "application/zip";

    /// <summary>
    /// The data files of a release in the order they are written (parents before children): each with the
    /// table it holds and, per CSV header, the table column.
    /// </summary>
    public static IReadOnlyList<(string FileName, string Table, IReadOnlyList<(string Header, string Column)> Columns)> Files =>
        DatasetFile.All.Select(f => (f.FileName, f.Table, (IReadOnlyList<(string, string)>)f.Columns.Select(c => (c.Header, c.Column)).ToList())).ToList();

    /// <summary>Writes the archive of the release to <paramref name="output"/>, read on a connection of its own.</summary>
    public static async Task WriteAsync(ReportingDatabase database, DataRelease release, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        await WriteAsync(connection, null, database.Dialect, release, output, cancellationToken);
    }

    /// <summary>
    /// Writes the archive of the release to <paramref name="output"/>, read on an open connection (within
    /// the load's transaction when the loader stores it, see <see cref="ReleaseArchive"/>). The bytes depend
    /// on the data and the release only, never on the request.
    /// </summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, DataRelease release, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(release);
        var time = new DateTimeOffset(release.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken);

        var descriptor = DataPackage.Describe(release, DataPackageInfo.Dataset, await SourcesAsync(connection, transaction, dialect, cancellationToken));
        await WriteEntryAsync(zip, DescriptorName, time, async stream =>
            await stream.WriteAsync(Encoding.UTF8.GetBytes(descriptor.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })), cancellationToken));

        foreach (var file in DatasetFile.All)
        {
            await WriteEntryAsync(zip, file.FileName, time, async stream =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectAll(dialect, file);
                command.Transaction = transaction;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await CsvValues.WriteAsync(stream, reader, file.Columns.Select(c => (c.Header, c.Kind)).ToList(), cancellationToken);
            });
        }
    }

    /// <summary>The statement that reads a whole table in key order, columns named as the CSV headers.</summary>
    internal static string SelectAll(SqlDialect dialect, DatasetFile file)
    {
        var columns = string.Join(", ", file.Columns.Select(c => dialect.Quote(c.Column)));
        return $"SELECT {columns} FROM {dialect.Table(file.Table)} ORDER BY {string.Join(", ", file.Key.Select(dialect.Quote))}";
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, DateTimeOffset time, Func<Stream, Task> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = time;
        await using var stream = await entry.OpenAsync();
        await write(stream);
    }

    private static async Task<IReadOnlyList<(string Title, string Url)>> SourcesAsync(DbConnection connection, DbTransaction? transaction, SqlDialect d, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {d.Quote("title")}, {d.Quote("url")} FROM {d.Table("source")} ORDER BY {d.Quote("id")}";
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sources = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add((reader.GetString(0), reader.GetString(1)));
        }

        return sources;
    }
}

/// <summary>What the data package says about itself beyond the data: its title, description and licence.</summary>
/// <param name="Title">The dataset's title.</param>
/// <param name="Description">What it holds.</param>
/// <param name="LicenseId">SPDX id of the data licence, e.g. <c>CC0-1.0</c>.</param>
/// <param name="LicenseTitle">The licence's name.</param>
/// <param name="LicenseUrl">Where the licence text is.</param>
public sealed record DataPackageInfo(string Title, string Description, string LicenseId, string LicenseTitle, Uri LicenseUrl)
{
    /// <summary>
    /// This dataset's, from <see cref="DatasetTexts"/>. No URL of the service is in it: the archive is
    /// stored when a release is loaded, and the same bytes are served on any host.
    /// </summary>
    public static DataPackageInfo Dataset { get; } = new(
        DatasetTexts.TitleEn, DatasetTexts.DescriptionEn, DatasetTexts.LicenseId, DatasetTexts.LicenseName, new Uri(DatasetTexts.LicenseUrl));
}

/// <summary>The Frictionless Tabular Data Package descriptor (Data Package v1) of a release.</summary>
public static class DataPackage
{
    /// <summary>The descriptor: one tabular resource per data file, typed fields, enums from the code lists, keys.</summary>
    public static JsonObject Describe(DataRelease release, DataPackageInfo info, IReadOnlyList<(string Title, string Url)> sources)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(sources);
        var files = DatasetFile.All;
        var byTable = files.ToDictionary(f => f.Table, StringComparer.Ordinal);
        string Header(DatasetFile file, string column) => file.Columns.Single(c => c.Column == column).Header;
        string Name(DatasetFile file) => Path.GetFileNameWithoutExtension(file.FileName);

        var resources = new JsonArray();
        foreach (var file in files)
        {
            var fields = new JsonArray();
            foreach (var column in file.Columns)
            {
                var field = new JsonObject { ["name"] = column.Header, ["type"] = TableSchemaType(column.Kind) };
                var constraints = new JsonObject();
                if (!column.Nullable)
                {
                    constraints["required"] = true;
                }

                if (column.Codes is { } codes)
                {
                    constraints["enum"] = new JsonArray(codes.Select(c => (JsonNode)c).ToArray());
                }

                if (constraints.Count > 0)
                {
                    field["constraints"] = constraints;
                }

                fields.Add(field);
            }

            var schema = new JsonObject
            {
                ["fields"] = fields,
                ["missingValues"] = new JsonArray(""),
                ["primaryKey"] = new JsonArray(file.Key.Select(k => (JsonNode)Header(file, k)).ToArray()),
            };
            if (file.References.Count > 0)
            {
                schema["foreignKeys"] = new JsonArray(file.References.Select(r => (JsonNode)new JsonObject
                {
                    ["fields"] = Header(file, r.Column),
                    ["reference"] = new JsonObject { ["resource"] = Name(byTable[r.Table]), ["fields"] = "id" },
                }).ToArray());
            }

            resources.Add(new JsonObject
            {
                ["name"] = Name(file),
                ["path"] = file.FileName,
                ["profile"] = "tabular-data-resource",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["doubleQuote"] = true, ["lineTerminator"] = "\r\n", ["header"] = true },
                ["schema"] = schema,
            });
        }

        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "maatwerk-open-data",
            ["id"] = "maatwerk-open-data-" + release.Version,
            ["title"] = info.Title,
            ["description"] = info.Description,
            ["version"] = release.Version,
            ["created"] = release.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = info.LicenseId, ["title"] = info.LicenseTitle, ["path"] = info.LicenseUrl.ToString() }),
            ["sources"] = new JsonArray(sources.Select(s => (JsonNode)new JsonObject { ["title"] = s.Title, ["path"] = s.Url }).ToArray()),
            ["resources"] = resources,
        };
    }

    private static string TableSchemaType(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => "boolean",
        ColumnKind.Int32 => "integer",
        ColumnKind.Decimal => "number",
        ColumnKind.Date => "date",
        _ => "string",
    };
}
