using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Errors;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says:
/// the default writer gives up when the client accepts no JSON (a 406 for <c>Accept: application/xml</c>
/// would then leave as plain text), and the API Design Rules want problem details on every error.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeOf(status);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", http.RequestAborted));
    }

    // The section of RFC 9110 (or RFC 6585 for 429) that defines the status.
    private static string? TypeOf(int status) => status switch
    {
        >= 400 and <= 417 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        >= 421 and <= 422 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 401}",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        >= 500 and <= 505 => $"https://tools.ietf.org/html/rfc9110#section-15.6.{status - 499}",
        _ => null,
    };
}
