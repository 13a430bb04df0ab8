using Dapper;
using Microsoft.Data.SqlClient;

namespace Maatwerk.OpenData.Tests.Shared;

/// <summary>
/// A database of its own on the SQL Server that <c>MAATWERK_TEST_SQLSERVER</c> names
/// (<c>maatwerk_test_&lt;guid&gt;</c>, created here and dropped on disposal), so that the data, deployment
/// and API test projects can run at the same time against one server without migrating one database
/// concurrently. The connection string's login needs CREATE DATABASE (CI uses <c>sa</c>); its own
/// database, if it names one, is left alone.
/// </summary>
public sealed class SqlServerScratch : IAsyncDisposable
{
    /// <summary>The environment variable that holds the connection string to the server.</summary>
    public const string Variable = "MAATWERK_TEST_SQLSERVER";

    private readonly string server;

    private SqlServerScratch(string server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
    }

    /// <summary>Why a SQL Server case is skipped when the variable is not set.</summary>
    public static string SkipReason => $"SQL Server not configured: set {Variable} to a connection string to run this case.";

    /// <summary>Whether the variable names a server.</summary>
    public static bool Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 };

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The server's connection string with this database as its initial catalog.</summary>
    public string ConnectionString { get; }

    /// <summary>A new empty database, or null when no server is configured.</summary>
    public static async Task<SqlServerScratch?> CreateAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } server)
        {
            return null;
        }

        var scratch = new SqlServerScratch(server, "maatwerk_test_" + Guid.NewGuid().ToString("N"));
        await ExecuteAsync(server, $"CREATE DATABASE [{scratch.Name}]", cancellationToken);
        return scratch;
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}
