using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Releases;

/// <summary>
/// The downloads of every loaded release, kept in <c>data_release_archive</c> so that an earlier release
/// can be fetched again byte for byte: the ZIP (<see cref="BulkDownload"/>) and the SQLite database file
/// (<see cref="DatabaseFile"/>), each with the SHA-256 of its bytes. The loader stores them in the load's
/// own transaction (a failed load stores nothing); the service only reads them. Every release is kept:
/// a release's files are a few hundred kilobytes, and a cited version must stay fetchable.
/// </summary>
public static class ReleaseArchive
{
    /// <summary>The ZIP of a release: one CSV per table and <c>datapackage.json</c>.</summary>
    public const string Zip = "zip";

    /// <summary>The SQLite database file of a release.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The declared type of <c>data_release_archive.kind</c>, which <c>@kind</c> is bound with.</summary>
    public static readonly ColumnType KindType = ColumnType.NVarChar(10);

    /// <summary>The declared type of <c>data_release_archive.content_sha256</c> (64 hexadecimal digits).</summary>
    public static readonly ColumnType HashType = ColumnType.NVarChar(64);

    /// <summary>Builds and stores both files of <paramref name="release"/>, which the transaction has just loaded and recorded.</summary>
    internal static async Task StoreAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, DataRelease release, CancellationToken cancellationToken)
    {
        using var zip = new MemoryStream();
        await BulkDownload.WriteAsync(connection, transaction, dialect, release, zip, cancellationToken);
        var files = new[] { (Kind: Zip, Bytes: zip.ToArray()), (Kind: Sqlite, Bytes: await DatabaseFile.BuildAsync(cancellationToken)) };

        var insert = WriteStatements(dialect).Single();
        foreach (var (kind, bytes) in files)
        {
            var parameters = new DynamicParameters();
            parameters.Declared("@version", release.Version, ReleaseStore.VersionType)
                .Declared("@kind", kind, KindType)
                .Declared("@sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)), HashType);
            parameters.Add("@byteCount", (long)bytes.Length, DbType.Int64);
            parameters.Add("@bytes", bytes, DbType.Binary, size: -1);
            await connection.ExecuteAsync(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Whether both files of the release with this version are stored.</summary>
    internal static async Task<bool> HoldsAsync(DbConnection connection, SqlDialect dialect, string version, CancellationToken cancellationToken) =>
        Convert.ToInt64(await connection.ExecuteScalarAsync(new CommandDefinition(CountStatement(dialect), Version(version), cancellationToken: cancellationToken)), CultureInfo.InvariantCulture) == 2;

    /// <summary>
    /// The statement the loader sends to store each file of a release (checked with a SQL parser); the
    /// files of a version loaded again are deleted with its record (<see cref="Loading.ReleaseChanges"/>).
    /// </summary>
    public static IEnumerable<string> WriteStatements(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        string Q(string identifier) => dialect.Quote(identifier);
        var archive = dialect.Table("data_release_archive");
        yield return $"INSERT INTO {archive} ({Q("version")}, {Q("kind")}, {Q("content_sha256")}, {Q("byte_count")}, {Q("bytes")}) "
            + "VALUES (@version, @kind, @sha256, @byteCount, @bytes)";
    }

    /// <summary>
    /// The statements the service sends to read stored files (SELECT only): one file's hash and length
    /// (<c>@version</c>, <c>@kind</c>), its bytes (the same), and the versions whose files are stored (<c>@kind</c>).
    /// </summary>
    public static IEnumerable<string> ReadStatements(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        string Q(string identifier) => dialect.Quote(identifier);
        var archive = dialect.Table("data_release_archive");
        var one = $" FROM {archive} WHERE {Q("version")} = @version AND {Q("kind")} = @kind";
        yield return $"SELECT {Q("content_sha256")}, {Q("byte_count")}" + one;
        yield return $"SELECT {Q("bytes")}" + one;
        yield return $"SELECT {Q("version")} FROM {archive} WHERE {Q("kind")} = @kind";
    }

    private static string CountStatement(SqlDialect dialect) =>
        $"SELECT COUNT(*) FROM {dialect.Table("data_release_archive")} WHERE {dialect.Quote("version")} = @version";

    /// <summary>Every statement of the archive, for a dialect (checked with a SQL parser).</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        WriteStatements(dialect).Concat(ReadStatements(dialect)).Append(CountStatement(dialect));

    private static DynamicParameters Version(string version) =>
        new DynamicParameters().Declared("@version", version, ReleaseStore.VersionType);
}

/// <summary>A stored file of a release: the SHA-256 of its bytes (64 lowercase hex digits) and its length in bytes.</summary>
/// <param name="Sha256">SHA-256 of the bytes, the strong ETag.</param>
/// <param name="Length">Length in bytes.</param>
public sealed record ArchivedFile(string Sha256, long Length);
