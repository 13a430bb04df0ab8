using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// The one negotiation of a response's format, table by table: what <c>$format</c> and <c>Accept</c>
/// ask, for which payload, gives which Content-Type, or a 406 naming what is offered.
/// </summary>
public sealed class ResponseFormatNegotiationTests
{
    private static readonly ResponseFormats Formats = new ServiceCollection().AddResponseFormats().BuildServiceProvider().GetRequiredService<ResponseFormats>();

    private static ResponseFormat Negotiate(PayloadKind kind, string? accept, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return Formats.Negotiate(context.Request, kind);
    }

    [Theory]
    [InlineData(PayloadKind.Collection, null, "", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData(PayloadKind.Collection, "*/*", "", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData(PayloadKind.Entity, "application/json;odata.metadata=none", "", "application/json; odata.metadata=none; odata.streaming=true")]
    [InlineData(PayloadKind.Entity, "application/json;metadata=none;streaming=false", "", "application/json; odata.metadata=none; odata.streaming=false")]
    [InlineData(PayloadKind.Collection, "application/json;IEEE754Compatible=true", "", "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=true")]
    [InlineData(PayloadKind.Collection, "application/xml, application/json;q=0.5", "", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData(PayloadKind.Collection, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData(PayloadKind.Collection, "application/xml", "?$format=json", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData(PayloadKind.Collection, null, "?format=application/json;odata.metadata=none", "application/json; odata.metadata=none; odata.streaming=true")]
    [InlineData(PayloadKind.Collection, null, "?$FORMAT=json;IEEE754Compatible=true", "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=true")]
    [InlineData(PayloadKind.MetadataDocument, null, "", "application/xml; charset=utf-8")]
    [InlineData(PayloadKind.MetadataDocument, "*/*", "", "application/xml; charset=utf-8")]
    [InlineData(PayloadKind.MetadataDocument, "application/json", "", "application/json")]
    [InlineData(PayloadKind.MetadataDocument, "application/json,*/*;q=0.9", "", "application/json")]
    [InlineData(PayloadKind.MetadataDocument, "application/xml;q=0.8,application/json", "", "application/json")]
    [InlineData(PayloadKind.MetadataDocument, "application/xml;q=0,*/*", "", "application/json")]
    [InlineData(PayloadKind.MetadataDocument, null, "?format=json", "application/json")]
    [InlineData(PayloadKind.MetadataDocument, "application/json", "?$format=xml", "application/xml; charset=utf-8")]
    [InlineData(PayloadKind.RawValue, "text/plain", "", "text/plain; charset=utf-8")]
    [InlineData(PayloadKind.RawValue, "application/json", "", "text/plain; charset=utf-8")]
    [InlineData(PayloadKind.RawValue, null, "", "text/plain; charset=utf-8")]
    [InlineData(PayloadKind.Collection, "this is not a media type;;", "", "application/json; odata.metadata=minimal; odata.streaming=true")]
    public void Negotiate_FormatOrAccept_GivesTheContentType(PayloadKind kind, string? accept, string query, string contentType)
    {
        Assert.Equal(contentType, Negotiate(kind, accept, query).ContentType);
    }

    [Theory]
    [InlineData(PayloadKind.Collection, "application/xml", "", "Accept: application/xml")]
    [InlineData(PayloadKind.Collection, "application/json;odata.metadata=bogus", "", "odata.metadata=minimal")]
    [InlineData(PayloadKind.Collection, "application/json;IEEE754Compatible=maybe", "", "application/json")]
    [InlineData(PayloadKind.Collection, null, "?$format=atom", "$format=atom")]
    [InlineData(PayloadKind.Entity, null, "?$format=xml", "($format=json)")]
    [InlineData(PayloadKind.MetadataDocument, "text/csv", "", "application/xml ($format=xml), application/json ($format=json)")]
    [InlineData(PayloadKind.RawValue, "application/xml", "", "text/plain")]
    [InlineData(PayloadKind.Collection, "application/json;q=0", "", "Accept: application/json;q=0")]
    public void Negotiate_NothingOffered_IsNotAcceptableNamingWhatIs(PayloadKind kind, string? accept, string query, string detail)
    {
        var refusal = Assert.Throws<NotAcceptableException>(() => Negotiate(kind, accept, query));

        Assert.Contains(detail, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?$format=json&format=json")]
    [InlineData("?$format=json&$format=xml")]
    public void Negotiate_FormatGivenTwice_IsAnInvalidQuery(string query)
    {
        var error = Assert.Throws<InvalidQueryException>(() => Negotiate(PayloadKind.Collection, null, query));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetResponseFormat_AskedTwice_IsNegotiatedOnceAndKeptOnTheRequest()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddResponseFormats().BuildServiceProvider() };
        context.Request.Headers.Accept = "application/json;odata.metadata=none";

        var first = context.GetResponseFormat();
        context.Request.Headers.Accept = "application/xml";
        var second = context.GetResponseFormat();

        Assert.Same(first, second);
        Assert.Same(first, context.Features.Get<IResponseFormatFeature>()?.Format);
        Assert.Equal(MetadataLevel.None, second.Metadata);
    }
}
