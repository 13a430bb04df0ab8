using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.Http;
using Microsoft.AspNetCore.OData;

namespace Maatwerk.OpenData.Api.OData;

public static class ODataSetup
{
    public static IServiceCollection AddODataQueries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryLimits>()
            .Bind(configuration.GetSection(QueryLimits.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRequestBudget();

        // ODataLib parses the options; which of them are served, and up to which limits, is
        // checked by QuerySpecFactory and the SQL translator. OData 4.01: names without '$' and in any case.
        services.AddOData(options => options
            .Select().Filter().OrderBy().Count().Expand().SkipToken()
            .SetMaxTop(null)
            .SetNoDollarQueryOptions(true)
            .SetCaseInsensitive(true));
        services.AddSingleton<ResourceQueries>();
        services.AddSingleton<ExpensiveQueryGate>();
        services.AddResponseFormats();
        services.AddPublicLinks(configuration);
        return services;
    }
}
