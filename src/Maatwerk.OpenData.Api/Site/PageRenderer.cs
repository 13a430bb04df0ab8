using Maatwerk.OpenData.Api.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>Renders a page's Razor component to HTML on the server (no script runs in the browser).</summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>The page as <c>text/html</c> (or a chart as <c>image/svg+xml</c>), with the pages' Content-Security-Policy.</summary>
    public async Task<IResult> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string contentType = "text/html; charset=utf-8")
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new PageResult(html, contentType);
    }

    private sealed class PageResult(string html, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = ResponseHeaders.PageContentSecurityPolicy;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
