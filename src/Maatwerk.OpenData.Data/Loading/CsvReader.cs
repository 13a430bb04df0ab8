using System.Text;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// Reads the canonical data files: RFC 4180 CSV with a header row, UTF-8, where an empty field is null.
/// </summary>
internal static class CsvReader
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Read(TextReader reader, string fileName)
    {
        var records = Records(reader, fileName).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{fileName} has no header row.");
        }

        var header = records[0];
        var rows = new List<IReadOnlyDictionary<string, string?>>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != header.Count)
            {
                throw new InvalidDataException(
                    $"{fileName} record {i + 1} has {records[i].Count} fields; the header has {header.Count}.");
            }

            var row = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
            for (var f = 0; f < header.Count; f++)
            {
                row[header[f]] = records[i][f].Length == 0 ? null : records[i][f];
            }

            rows.Add(row);
        }

        return rows;
    }

    private static IEnumerable<List<string>> Records(TextReader reader, string fileName)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields;
                    fields = [];
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{fileName} ends inside a quoted field.");
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
