using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>What the translator refuses: outside the allow-list is a 400, unimplemented OData a 501.</summary>
public sealed class RejectionTests
{
    [Theory]
    [InlineData("$orderby=description", "'description' cannot be used in $orderby")]
    [InlineData("$filter=contains(name, null)", "must be a string, not null")]
    [InlineData("$filter=now() gt 2024-01-01T00:00:00Z", "now() is a point in time; compare it with a date property")]
    public void Translate_OutsideTheAllowList_ThrowsInvalidQuery(string query, string message)
    {
        var error = Assert.Throws<InvalidQueryException>(() => SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$filter=round(amount) eq 1", "'round' is not supported")]
    [InlineData("$filter=since add duration'P1D' gt 2024-01-01", "Edm.Duration")]
    public void Translate_UnimplementedOData_ThrowsUnsupported(string query, string message)
    {
        var error = Assert.Throws<UnsupportedQueryException>(() => SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
