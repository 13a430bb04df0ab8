using Maatwerk.OpenData.Data.Loading;

namespace Maatwerk.OpenData.Data.Tests;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedFieldsAndEmptyFields_GivesValuesAndNulls()
    {
        const string csv = "id,text,note\na,\"one, two\",\nb,\"say \"\"hi\"\"\",x\n";

        var rows = CsvReader.Read(new StringReader(csv), "test.csv");

        Assert.Equal(2, rows.Count);
        Assert.Equal("one, two", rows[0]["text"]);
        Assert.Null(rows[0]["note"]);
        Assert.Equal("say \"hi\"", rows[1]["text"]);
        Assert.Equal("x", rows[1]["note"]);
    }

    [Fact]
    public void Read_RowWithTooFewFields_ThrowsNamingTheRecord()
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvReader.Read(new StringReader("a,b\n1\n"), "bad.csv"));

        Assert.Contains("bad.csv record 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnterminatedQuote_Throws()
    {
        Assert.Throws<InvalidDataException>(() => CsvReader.Read(new StringReader("a\n\"open\n"), "bad.csv"));
    }
}
