using System.Data.Common;
using System.Reflection;
using Dapper;
using DbUp;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Schema;

/// <summary>The versioned schema scripts (embedded), applied in name order by DbUp.</summary>
public static class SchemaScripts
{
    private static readonly Assembly Assembly = typeof(SchemaScripts).Assembly;

    /// <summary>Every script for a dialect, as (name, text), in the order they are applied.</summary>
    public static IReadOnlyList<(string Name, string Text)> For(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var prefix = Prefix(dialect);
        return Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(Assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>
    /// The table in which DbUp records the scripts applied: inside the reporting schema on SQL Server, so
    /// a login that may only read that schema can still see whether its schema is up to date.
    /// </summary>
    public static string JournalTable(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.Table("schema_version");
    }

    /// <summary>The scripts not yet applied to the database on this connection, in the order they will be (empty: up to date).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var all = For(dialect).Select(s => s.Name).ToList();
        var journalExists = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(JournalExistsQuery(dialect), cancellationToken: cancellationToken)) > 0;
        if (!journalExists)
        {
            return all;
        }

        var applied = (await connection.QueryAsync<string>(
            new CommandDefinition(JournalQuery(dialect), cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        return all.Where(n => !applied.Contains(n)).ToList();
    }

    /// <summary>The statements <see cref="PendingAsync"/> sends, for a dialect (checked with a SQL parser).</summary>
    public static IEnumerable<string> CheckStatements(SqlDialect dialect) => [JournalExistsQuery(dialect), JournalQuery(dialect)];

    /// <summary>Creates the reporting schema on SQL Server when it does not exist yet (run before the scripts).</summary>
    public const string CreateSchemaStatement = "IF SCHEMA_ID(N'reporting') IS NULL EXEC(N'CREATE SCHEMA reporting')";

    private static string JournalExistsQuery(SqlDialect dialect) => dialect is SqlServerDialect
        ? "SELECT COUNT_BIG(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = N'reporting' AND TABLE_NAME = N'schema_version'"
        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    private static string JournalQuery(SqlDialect dialect) => $"SELECT {dialect.Quote("ScriptName")} FROM {JournalTable(dialect)}";

    /// <summary>Applies the scripts not yet applied to the database, and names the ones it applied.</summary>
    public static IReadOnlyList<string> Apply(SqlDialect dialect, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var prefix = Prefix(dialect);
        if (dialect is SqlServerDialect)
        {
            // Creates the database named in the connection string when it does not exist yet, and the
            // reporting schema that holds the migration journal.
            EnsureDatabase.For.SqlDatabase(connectionString);
            using var connection = new Microsoft.Data.SqlClient.SqlConnection(connectionString);
            connection.Execute(CreateSchemaStatement);
        }

        var builder = dialect is SqlServerDialect
            ? DeployChanges.To.SqlDatabase(connectionString).JournalToSqlTable("reporting", "schema_version")
            : DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable("schema_version");
        var result = builder
            .WithScriptsEmbeddedInAssembly(Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Schema script {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static string Prefix(SqlDialect dialect) => dialect is SqlServerDialect ? "Schema.SqlServer." : "Schema.Sqlite.";
}
