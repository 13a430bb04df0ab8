using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>What the translator refuses: outside the allow-list is a 400, unimplemented OData a 501.</summary>
public sealed class RejectionTests
{
    [Theory]
    [InlineData("$orderby=description", "'description' cannot be used in $orderby")]
    [InlineData("$filter=contains(name, null)", "must be a string, not null")]
    public void Translate_OutsideTheAllowList_ThrowsInvalidQuery(string query, string message)
    {
        var error = Assert.Throws<InvalidQueryException>(() => SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$filter=tolower(name) eq 'x'", "'tolower' is not supported")]
    [InlineData("$filter=tags/any(t: t eq 'x')", "any()")]
    [InlineData("$filter=year add 1 eq 3", "'Add' is not supported")]
    [InlineData("$filter=contains(name, note)", "must be a string literal")]
    [InlineData("$orderby=length(name)", "$orderby supports properties")]
    public void Translate_UnimplementedOData_ThrowsUnsupported(string query, string message)
    {
        var error = Assert.Throws<UnsupportedQueryException>(() => SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
