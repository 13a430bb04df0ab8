using System.Data.Common;
using Dapper;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data.Deployment;

/// <summary>
/// What the deployment tool does to a reporting database, with a login that may change it: apply the
/// schema migrations, load the embedded data release, report the state, and create the service's
/// read-only login. Every step can be run again and then changes nothing.
/// </summary>
public sealed class ReportingDeployment
{
    private readonly string connectionString;

    /// <param name="provider">The database engine.</param>
    /// <param name="connectionString">For SQL Server a connection string; for SQLite one too (<c>Data Source=path</c>), the file is created when missing.</param>
    public ReportingDeployment(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        this.connectionString = provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate, ForeignKeys = true, Pooling = false }.ToString()
            : connectionString;
        Dialect = provider == DatabaseProvider.Sqlite ? SqliteDialect.Instance : SqlServerDialect.Instance;
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Applies the schema scripts the database lacks (creating a SQL Server database that does not exist yet).</summary>
    /// <returns>The scripts applied by this call, in order; empty when the schema was up to date.</returns>
    public IReadOnlyList<string> Migrate() => SchemaScripts.Apply(Dialect, connectionString);

    /// <summary>
    /// Loads the embedded release in one transaction, unless it is already current.
    /// </summary>
    /// <exception cref="DeploymentException">The schema lacks migrations (run migrate first).</exception>
    /// <exception cref="ReleaseConflictException">The version is recorded with other content.</exception>
    public async Task<LoadResult> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var pending = await SchemaScripts.PendingAsync(connection, Dialect, cancellationToken);
        if (pending.Count > 0)
        {
            throw new DeploymentException(new DatabaseState(pending, null).Problem!);
        }

        return await DatasetLoader.LoadAsync(connection, Dialect, ReleaseConflict.Refuse, cancellationToken);
    }

    /// <summary>The schema scripts the database lacks and its current release, as the service sees them.</summary>
    public async Task<DatabaseState> StatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReportingDatabaseSetup.CheckAsync(connection, Dialect, cancellationToken);
    }

    /// <summary>
    /// Creates (or updates the password of) a SQL Server login and its database user, member of the role
    /// <c>maatwerk_reader</c>, which may only SELECT from schema <c>reporting</c> (migration 0002).
    /// </summary>
    /// <exception cref="DeploymentException">The provider is not SQL Server.</exception>
    public async Task CreateReaderAsync(string login, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        if (Provider != DatabaseProvider.SqlServer)
        {
            throw new DeploymentException("A reader login exists only on SQL Server; SQLite is opened read-only by the service.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReaderStatement, new { login, password }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Creates or updates the reader login and user. The names cannot be parameters of CREATE LOGIN, so
    /// they are quoted with QUOTENAME inside the batch; the values themselves are parameters.
    /// </summary>
    public const string ReaderStatement = """
        DECLARE @quotedLogin nvarchar(258) = QUOTENAME(@login);
        DECLARE @quotedPassword nvarchar(max) = N'''' + REPLACE(@password, N'''', N'''''') + N'''';
        DECLARE @sql nvarchar(max);
        IF SUSER_ID(@login) IS NULL
            SET @sql = N'CREATE LOGIN ' + @quotedLogin + N' WITH PASSWORD = ' + @quotedPassword + N', CHECK_POLICY = ON';
        ELSE
            SET @sql = N'ALTER LOGIN ' + @quotedLogin + N' WITH PASSWORD = ' + @quotedPassword;
        EXEC sys.sp_executesql @sql;
        IF DATABASE_PRINCIPAL_ID(@login) IS NULL
        BEGIN
            SET @sql = N'CREATE USER ' + @quotedLogin + N' FOR LOGIN ' + @quotedLogin + N' WITH DEFAULT_SCHEMA = reporting';
            EXEC sys.sp_executesql @sql;
        END;
        IF IS_ROLEMEMBER(N'maatwerk_reader', @login) = 0
        BEGIN
            SET @sql = N'ALTER ROLE maatwerk_reader ADD MEMBER ' + @quotedLogin;
            EXEC sys.sp_executesql @sql;
        END;
        """;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connectionString)
            : new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

/// <summary>A deployment step cannot run; the message says why and what to do.</summary>
public sealed class DeploymentException(string message) : Exception(message);
