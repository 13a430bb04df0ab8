using System.Diagnostics;
using System.Text.Json;
using Maatwerk.OpenData.Api.Formats;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Errors;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says
/// (the default writer gives up when the client accepts no JSON, and the API Design Rules want problem
/// details on every error), except to an OData client, which gets the OData JSON error object with the
/// same code and message (<see cref="ErrorFormat"/>). The code is the title in PascalCase.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ??= http.Response.StatusCode;
        var title = problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeOf(status);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        problem.Extensions["code"] = Code(title);
        return new ValueTask(ErrorFormat.IsODataClient(http.Request)
            ? WriteODataErrorAsync(http, problem)
            : http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, ErrorFormat.ProblemJson, http.RequestAborted));
    }

    // The stable, machine-readable code of a kind of error: its title in PascalCase (InvalidQuery, NotFound).
    private static string Code(string title) =>
        string.Concat(title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    // The OData JSON error object (OData JSON Format 4.01, section 21), with the problem's code and detail.
    private static async Task WriteODataErrorAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.ContentType = ResponseFormatSetup.ODataJsonErrorContentType;
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", (string?)problem.Extensions["code"]);
        json.WriteString("message", problem.Detail ?? problem.Title);
        json.WriteStartArray("details");
        json.WriteEndArray();
        json.WriteStartObject("innererror");
        json.WriteNumber("status", problem.Status ?? http.Response.StatusCode);
        json.WriteString("title", problem.Title);
        json.WriteString("traceId", problem.Extensions["traceId"]?.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
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
