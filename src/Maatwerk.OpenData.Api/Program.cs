using Maatwerk.OpenData.Api.Database;
using Maatwerk.OpenData.Api.Errors;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.Health;
using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Observability;
using Maatwerk.OpenData.Api.OpenApi;
using Maatwerk.OpenData.Api.Site;
using Maatwerk.OpenData.Api.Versioning;

// The content root is the build output, so appsettings.json is found wherever the service is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddReportingDatabase(builder.Configuration);
builder.Services.AddODataQueries(builder.Configuration);
builder.Services.AddProblemHandling();
builder.Services.AddApiVersions(V1.Definition);
builder.Services.AddOpenApiDocuments(builder.Configuration);
builder.Services.AddPublicCors();
builder.Services.AddTransportSecurity(builder.Configuration);
builder.Services.AddRequestSizeLimits();
builder.Services.AddPublicRateLimit(builder.Configuration);
builder.Services.AddReleaseCache(builder.Configuration);
builder.Services.AddRequestLog(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddSite();
builder.Services.AddHealthProbes();

var app = builder.Build();
await app.PrepareReportingDatabaseAsync();

app.UseRequestLog();
app.UseTransportSecurity();
app.UseHeadAsGet();
app.UseODataAddressing();
app.UseApiVersionHeaders();
app.UseResponseHeaders();
app.UseProblemHandling();
app.UseRequestSizeLimits();
app.UseCors();
app.UsePublicRateLimit();
app.UseHttpConventions();
app.UseODataProtocol();
app.UseRouting();
app.UseResponseFormats();

// An answer from cache needs no more than the above: what follows runs only when the answer is produced.
app.UseReleaseCache();
app.UseQueryTextLimits();
app.UseQueryOptionGate();
app.UseRequestBudget();
app.UseOpenApiDocuments();

app.MapApiVersions();
app.MapChangelog();
app.MapSite();
app.MapHealthProbes();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
