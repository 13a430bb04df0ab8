using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests.Security;

/// <summary>No Server header from the real server; HSTS exactly when the request arrived over HTTPS, directly or through a known proxy.</summary>
public sealed class TransportSecurityTests(ApiFactory api)
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task AnyAnswer_FromKestrel_HasNoServerHeader()
    {
        await using var kestrel = new KestrelApiFactory(api.DatabasePath);
        kestrel.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        kestrel.StartServer();
        var client = kestrel.CreateClient();

        var found = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), TestContext.Current.CancellationToken);
        var missing = await client.GetAsync(new Uri("/v1/nothing-here", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(found.Headers.Server);
        Assert.Empty(missing.Headers.Server);
    }

    [Theory]
    [InlineData("https", null, null, true)]
    [InlineData("http", null, null, false)]
    [InlineData("http", Proxy, "https", true)]
    [InlineData("http", "10.0.0.6", "https", false)]
    [InlineData("http", Proxy, "http", false)]
    public async Task Answer_Hsts_OnlyWhenTheRequestArrivedOverHttps(string scheme, string? remote, string? forwardedProto, bool expected)
    {
        await using var proxied = api.WithWebHostBuilder(builder => builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy));

        var context = await proxied.Server.SendAsync(
            c =>
            {
                c.Request.Method = "GET";
                c.Request.Scheme = scheme;
                c.Request.Host = new HostString("api.example.org");
                c.Request.Path = "/v1/phases";
                c.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
                if (forwardedProto is not null)
                {
                    c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
                }
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(expected, context.Response.Headers.StrictTransportSecurity.Count > 0);
    }

    /// <summary>The API on Kestrel (loopback only) over the shared test database, read-only.</summary>
    private sealed class KestrelApiFactory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:SqlitePath", databasePath);
            builder.UseSetting("RateLimit:PermitsPerMinute", "0");
            builder.UseSetting("Query:RequestBudgetMilliseconds", "30000");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
