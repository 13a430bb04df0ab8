using System.Data.Common;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Deployment;
using Maatwerk.OpenData.Data.Loading;

namespace Maatwerk.OpenData.Deploy;

/// <summary>
/// <c>migrate | load | status | reader</c> against the database named by the arguments or, as the
/// service reads them, the environment. Exit codes: 0 done (or nothing to do), 1 failed, 2 bad usage,
/// 3 (status) the database is not ready to be served.
/// </summary>
internal static class DeployCommand
{
    public const int Failed = 1;
    public const int BadUsage = 2;
    public const int NotReady = 3;

    public const string Usage = """
        usage: dotnet run --project src/Maatwerk.OpenData.Deploy -- <command> [options]

        commands:
          migrate   apply the schema migrations the database lacks (creates a SQL Server database if needed)
          load      load the embedded data release in one transaction, unless it is already current
          status    show pending migrations, the current and the embedded release; exit 3 when not ready
          reader    SQL Server: create or update the API's read-only login (MAATWERK_READER_LOGIN,
                    default maatwerk_api, and MAATWERK_READER_PASSWORD), member of role maatwerk_reader

        options (or environment):
          --provider sqlserver|sqlite   Database__Provider (default sqlite)
          --connection <string>         ConnectionStrings__Reporting or Database__ConnectionString
          --sqlite <path>               Database__SqlitePath (SQLite only, instead of --connection)
        """;

    public static async Task<int> RunAsync(
        string[] args, Func<string, string?> environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, environment, out var command, out var deployment, out var problem))
        {
            await error.WriteLineAsync($"error: {problem}{Environment.NewLine}{Environment.NewLine}{Usage}");
            return BadUsage;
        }

        try
        {
            return command switch
            {
                "migrate" => await MigrateAsync(deployment, output),
                "load" => await LoadAsync(deployment, output, cancellationToken),
                "status" => await StatusAsync(deployment, output, cancellationToken),
                _ => await ReaderAsync(deployment, environment, output, cancellationToken),
            };
        }
        catch (Exception e) when (e is DeploymentException or ReleaseConflictException or DbException or InvalidDataException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {command} failed: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> MigrateAsync(ReportingDeployment deployment, TextWriter output)
    {
        var applied = deployment.Migrate();
        await output.WriteLineAsync(applied.Count == 0
            ? "Schema is up to date; no migration applied."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
        return 0;
    }

    private static async Task<int> LoadAsync(ReportingDeployment deployment, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await deployment.LoadAsync(cancellationToken);
        var release = result.Release;
        if (!result.Loaded)
        {
            await output.WriteLineAsync($"Release {release.Version} ({release.ContentHash[..12]}) is already current; nothing loaded.");
            return 0;
        }

        await output.WriteLineAsync($"Loaded release {release.Version} of {release.Date:yyyy-MM-dd} ({release.ContentHash[..12]}) in one transaction:");
        foreach (var table in release.Tables)
        {
            await output.WriteLineAsync($"  {table.Table,-26} {table.Rows,6} rows  +{table.Added} added  ~{table.Changed} changed  -{table.Removed} removed");
        }

        return 0;
    }

    private static async Task<int> StatusAsync(ReportingDeployment deployment, TextWriter output, CancellationToken cancellationToken)
    {
        var state = await deployment.StatusAsync(cancellationToken);
        await output.WriteLineAsync(state.PendingScripts.Count == 0
            ? "Schema: up to date."
            : $"Schema: {state.PendingScripts.Count} migration(s) pending: {string.Join(", ", state.PendingScripts)}.");
        await output.WriteLineAsync(state.Current is { } current
            ? $"Current release: {current.Version} ({current.ContentHash[..12]}), loaded {current.LoadedAt:yyyy-MM-dd HH:mm:ss} UTC."
            : "Current release: none.");
        await output.WriteLineAsync($"Embedded release: {DatasetRelease.Version} ({DatasetRelease.ContentHash[..12]}).");
        if (state.Problem is { } problem)
        {
            await output.WriteLineAsync($"Not ready: {problem}.");
            return NotReady;
        }

        await output.WriteLineAsync("Ready to be served.");
        return 0;
    }

    private static async Task<int> ReaderAsync(
        ReportingDeployment deployment, Func<string, string?> environment, TextWriter output, CancellationToken cancellationToken)
    {
        var login = environment("MAATWERK_READER_LOGIN") is { Length: > 0 } name ? name : "maatwerk_api";
        var password = environment("MAATWERK_READER_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw new DeploymentException("set MAATWERK_READER_PASSWORD to the password of the API's login (it is never taken from the command line).");
        }

        await deployment.CreateReaderAsync(login, password, cancellationToken);
        await output.WriteLineAsync($"Login {login} may read schema reporting (role maatwerk_reader) and nothing else.");
        return 0;
    }

    private static bool TryParse(
        string[] args, Func<string, string?> environment, out string command, out ReportingDeployment deployment, out string problem)
    {
        command = args.Length > 0 ? args[0] : "";
        deployment = null!;
        problem = "";
        if (command is not ("migrate" or "load" or "status" or "reader"))
        {
            problem = command.Length == 0 ? "no command given" : $"unknown command '{command}'";
            return false;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (args[i] is not ("--provider" or "--connection" or "--sqlite") || i + 1 >= args.Length)
            {
                problem = $"unknown option or missing value: '{args[i]}'";
                return false;
            }

            options[args[i]] = args[i + 1];
        }

        var providerText = options.GetValueOrDefault("--provider") ?? environment("Database__Provider") ?? "sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            problem = $"unknown provider '{providerText}' (sqlserver or sqlite)";
            return false;
        }

        var connection = options.GetValueOrDefault("--connection")
            ?? NonEmpty(environment("ConnectionStrings__Reporting"))
            ?? NonEmpty(environment("Database__ConnectionString"));
        if (provider == DatabaseProvider.Sqlite && (options.GetValueOrDefault("--sqlite") ?? NonEmpty(environment("Database__SqlitePath"))) is { } path)
        {
            connection = $"Data Source={Path.GetFullPath(path)}";
        }

        if (connection is null)
        {
            problem = provider == DatabaseProvider.Sqlite
                ? "no SQLite file given: use --sqlite <path> or Database__SqlitePath"
                : "no connection string given: use --connection or ConnectionStrings__Reporting";
            return false;
        }

        deployment = new ReportingDeployment(provider, connection);
        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
