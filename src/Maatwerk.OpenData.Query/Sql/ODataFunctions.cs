namespace Maatwerk.OpenData.Query.Sql;

/// <summary>
/// The OData canonical functions with the exact semantics of OData's LINQ binding (.NET string
/// operations, "safe" substring, decimal arithmetic, null in gives null out). SQLite's built-ins
/// differ (ASCII-only case mapping, code-point lengths, REAL arithmetic), so the SQLite dialect calls
/// these, registered as SQL functions once on each connection; they still run inside the database.
/// </summary>
public static class ODataFunctions
{
    public const string ToLowerName = "odata_tolower";
    public const string ToUpperName = "odata_toupper";
    public const string TrimName = "odata_trim";
    public const string LengthName = "odata_length";
    public const string IndexOfName = "odata_indexof";
    public const string SubstringName = "odata_substring";
    public const string ContainsName = "odata_contains";
    public const string StartsWithName = "odata_startswith";
    public const string EndsWithName = "odata_endswith";
    public const string AddName = "odata_dec_add";
    public const string SubtractName = "odata_dec_sub";
    public const string MultiplyName = "odata_dec_mul";
    public const string DivideName = "odata_dec_div";
    public const string ModuloName = "odata_dec_mod";
    public const string SumName = "odata_dec_sum";
    public const string AverageName = "odata_dec_avg";

    public static string? ToLower(string? value) => value?.ToLowerInvariant();

    public static string? ToUpper(string? value) => value?.ToUpperInvariant();

    public static string? Trim(string? value) => value?.Trim();

    public static long? Length(string? value) => value?.Length;

    public static long? IndexOf(string? value, string? search) =>
        value is null || search is null ? null : value.IndexOf(search, StringComparison.Ordinal);

    /// <summary>substring(value, start): a negative start counts as 0, a start past the end gives "".</summary>
    public static string? Substring(string? value, long? start)
    {
        if (value is null || start is null)
        {
            return null;
        }

        var from = Math.Max(0, start.Value);
        return from <= value.Length ? value[(int)from..] : string.Empty;
    }

    /// <summary>substring(value, start, length), clamped to the string; a negative length gives "".</summary>
    public static string? Substring(string? value, long? start, long? length)
    {
        if (value is null || start is null || length is null)
        {
            return null;
        }

        var from = Math.Max(0, start.Value);
        if (from > value.Length)
        {
            return string.Empty;
        }

        var count = Math.Min(length.Value, value.Length - from);
        return count >= 0 ? value.Substring((int)from, (int)count) : string.Empty;
    }

    public static long? Contains(string? value, string? search) =>
        value is null || search is null ? null : value.Contains(search, StringComparison.Ordinal) ? 1 : 0;

    public static long? StartsWith(string? value, string? search) =>
        value is null || search is null ? null : value.StartsWith(search, StringComparison.Ordinal) ? 1 : 0;

    public static long? EndsWith(string? value, string? search) =>
        value is null || search is null ? null : value.EndsWith(search, StringComparison.Ordinal) ? 1 : 0;

    /// <summary>The state of a decimal sum or average: the running total and how many values it holds.</summary>
    public readonly record struct DecimalTotal(decimal Sum, long Count)
    {
        public DecimalTotal Add(double? value) => value is null ? this : new(Sum + (decimal)value.Value, Count + 1);

        /// <summary>The sum as decimal text (LINQ sums nothing to 0).</summary>
        public string Total() => Sum.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The average as decimal text, or null over no values.</summary>
        public string? Average() => Count == 0 ? null : (Sum / Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // SQLite stores decimals as REAL; the operation itself is done in decimal, as .NET does it.
    public static double? Add(double? left, double? right) => Decimal(left, right, (a, b) => a + b);

    public static double? Subtract(double? left, double? right) => Decimal(left, right, (a, b) => a - b);

    public static double? Multiply(double? left, double? right) => Decimal(left, right, (a, b) => a * b);

    /// <summary>Division by zero gives null (the row does not match) rather than an error.</summary>
    public static double? Divide(double? left, double? right) => right == 0 ? null : Decimal(left, right, (a, b) => a / b);

    public static double? Modulo(double? left, double? right) => right == 0 ? null : Decimal(left, right, (a, b) => a % b);

    private static double? Decimal(double? left, double? right, Func<decimal, decimal, decimal> operation) =>
        left is null || right is null ? null : (double)operation((decimal)left.Value, (decimal)right.Value);
}
