using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Database;

public static class DatabaseSetup
{
    public static IServiceCollection AddReportingDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Reporting (or Database:ConnectionString) is required when Database:Provider is SqlServer.")
            .ValidateOnStart();
        services.AddSingleton<PreparedDatabase>();
        services.AddSingleton(sp => sp.GetRequiredService<PreparedDatabase>().Database);
        services.AddSingleton<ReportingStore>();
        services.AddSingleton(sp => new ReleaseStore(sp.GetRequiredService<ReportingDatabase>()));
        return services;
    }

    /// <summary>Builds or checks the database before the first request is served.</summary>
    public static async Task PrepareReportingDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Maatwerk.OpenData.Database");
        app.Services.GetRequiredService<PreparedDatabase>().Database =
            await ReportingDatabaseSetup.PrepareAsync(options, logger, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Holds the database once start-up has prepared it.</summary>
    public sealed class PreparedDatabase
    {
        private ReportingDatabase? database;

        public ReportingDatabase Database
        {
            get => database ?? throw new InvalidOperationException("The reporting database is used before start-up prepared it.");
            set => database = value;
        }
    }
}
