using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.OData;

namespace Maatwerk.OpenData.Api.Errors;

/// <summary>
/// Every error leaves as <c>application/problem+json</c> (RFC 9457) with a status, a title and a
/// detail the client can act on. Exceptions are mapped by type, in this one place.
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        // Registered first, so it is the writer used.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"Nothing is published at {context.HttpContext.Request.Path}. The service document at /v1 lists the collections.",
                StatusCodes.Status405MethodNotAllowed => "This API is read-only: use GET, HEAD or OPTIONS.",
                StatusCodes.Status429TooManyRequests => "Too many requests from this address; wait as Retry-After says and try again.",
                _ => null,
            };
        });
        services.AddExceptionHandler<QueryExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseProblemHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>Maps the exceptions of query parsing, validation and translation to their HTTP status.</summary>
internal sealed partial class QueryExceptionHandler(IProblemDetailsService problems, ILogger<QueryExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A client that has left gets no answer: there is no one to write it to, and it is no fault of the server's.
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return ClientLeft(httpContext, exception);
        }

        // Model binding wraps what ODataLib throws while parsing the query options.
        var cause = exception is BadHttpRequestException { InnerException: ODataException inner } ? inner : exception;
        if (IsParserFault(cause))
        {
            cause = new InvalidQueryException("The query options could not be read; check the syntax of $filter, $orderby, $select, $expand and $apply.");
        }

        var (status, title) = cause switch
        {
            ODataException or InvalidQueryException => (StatusCodes.Status400BadRequest, "Invalid query"),
            ProtocolHeaderException => (StatusCodes.Status400BadRequest, "Bad request"),
            IsolationNotSupportedException => (StatusCodes.Status412PreconditionFailed, "Precondition failed"),
            UnsupportedQueryException => (StatusCodes.Status501NotImplemented, "Not implemented"),
            NotAcceptableException => (StatusCodes.Status406NotAcceptable, "Not acceptable"),
            UriTooLongException => (StatusCodes.Status414UriTooLong, "URI too long"),
            RequestHeadersTooLargeException => (StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request header fields too large"),
            PropertyNotFoundException or TrailingSlashException => (StatusCodes.Status404NotFound, "Not found"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            RequestBudgetExceededException or DatabaseUnavailableException or ExpensiveQueriesBusyException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception);
        }

        // A fault of the moment (the time budget, the database): worth retrying, and the client is told when.
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, cause.InnerException?.GetType().Name ?? cause.GetType().Name, cause.InnerException);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        httpContext.Response.StatusCode = status;
        try
        {
            return await WriteAsync(httpContext, exception, status, title, cause);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return ClientLeft(httpContext, exception);
        }
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string title, Exception cause) =>
        problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status is < 500 or StatusCodes.Status501NotImplemented or StatusCodes.Status503ServiceUnavailable
                    ? cause.Message
                    : "The request failed on our side. Quote the traceId when you report it.",
            },
        });

    // Logged for the operator at Debug, and 499 (client closed request) in the request log.
    private bool ClientLeft(HttpContext httpContext, Exception exception)
    {
        LogClientLeft(logger, exception);
        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.StatusCode = 499;
        }

        return true;
    }

    // ODataLib's URI parser reads nothing but the request's text, so whatever it throws, when it fails
    // instead of raising its ODataException, is a query it could not read: the client's to fix.
    private static bool IsParserFault(Exception exception) =>
        exception is not ODataException && exception.TargetSite?.DeclaringType?.Namespace == typeof(Microsoft.OData.UriParser.ODataUriParser).Namespace;

    /// <summary>What a 503 answer asks the client to wait, in seconds.</summary>
    private const string RetryAfterSeconds = "5";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request answered 503: {Cause}")]
    private static partial void LogUnavailable(ILogger logger, string cause, Exception? exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client left before its answer; nothing was written")]
    private static partial void LogClientLeft(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving a request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
