using Maatwerk.OpenData.Api.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>Renders a page's Razor component to HTML on the server (no script runs in the browser).</summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>The page as <c>text/html</c>, with the pages' Content-Security-Policy.</summary>
    public async Task<IResult> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new PageResult(html);
    }

    private sealed class PageResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = ResponseHeaders.PageContentSecurityPolicy;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
