using System.Reflection;
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

    /// <summary>Applies the scripts not yet applied to the database.</summary>
    public static void Apply(SqlDialect dialect, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var prefix = Prefix(dialect);
        if (dialect is SqlServerDialect)
        {
            // Creates the database named in the connection string when it does not exist yet.
            EnsureDatabase.For.SqlDatabase(connectionString);
        }

        var builder = dialect is SqlServerDialect
            ? DeployChanges.To.SqlDatabase(connectionString)
            : DeployChanges.To.SqliteDatabase(connectionString);
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
    }

    private static string Prefix(SqlDialect dialect) => dialect is SqlServerDialect ? "Schema.SqlServer." : "Schema.Sqlite.";
}
