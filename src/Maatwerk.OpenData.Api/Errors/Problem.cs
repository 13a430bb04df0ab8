using System.ComponentModel.DataAnnotations;

namespace Maatwerk.OpenData.Api.Errors;

/// <summary>An error, as RFC 9457 problem details (<c>application/problem+json</c>).</summary>
/// <param name="Type">A URI identifying the kind of problem (the HTTP status's section of RFC 9110).</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong with this request, and what to do about it.</param>
/// <param name="Instance">The request path, when given.</param>
/// <param name="TraceId">An id to quote when reporting the problem.</param>
/// <param name="Code">A stable code for the kind of problem (<c>InvalidQuery</c>, <c>NotFound</c>, ...), the same as in the OData error object.</param>
public sealed record Problem(
    string? Type,
    [property: Required] string Title,
    [property: Required] int Status,
    [property: Required] string Detail,
    string? Instance,
    string? TraceId,
    [property: Required] string Code);
