using System.Data;
using System.Globalization;

namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// A reporting column's declared type as the SQL Server schema declares it (<c>nvarchar(100)</c>,
/// <c>decimal(19,4)</c>, <c>date</c>, <c>int</c>, <c>bit</c>). A value compared with the column is bound
/// with exactly this type, so SQL Server never converts the column (a conversion turns an index seek
/// into a scan) and every value of one query shape shares one plan.
/// </summary>
/// <param name="DbType">The ADO.NET type of a parameter of this type.</param>
/// <param name="Size">For text: the length in characters (<c>-1</c> for <c>max</c>).</param>
/// <param name="Precision">For decimals: the number of digits.</param>
/// <param name="Scale">For decimals: the digits after the decimal point.</param>
public sealed record ColumnType(DbType DbType, int? Size = null, byte? Precision = null, byte? Scale = null)
{
    /// <summary>The length of the longest text a parameter of undeclared length is declared with (<c>nvarchar(4000)</c>).</summary>
    public const int DefaultTextLength = 4000;

    public static readonly ColumnType Int = new(DbType.Int32);

    public static readonly ColumnType Bit = new(DbType.Boolean);

    public static readonly ColumnType Date = new(DbType.Date);

    /// <summary><c>nvarchar(max)</c>: a JSON text of any length.</summary>
    public static readonly ColumnType NVarCharMax = new(DbType.String, -1);

    public static ColumnType NVarChar(int length) => new(DbType.String, length);

    public static ColumnType Decimal(byte precision, byte scale) => new(DbType.Decimal, Precision: precision, Scale: scale);

    /// <summary>
    /// Whether a value (before binding) is of this type and fits it unchanged: text no longer than the
    /// length, a decimal within the precision and scale, an integer within <c>int</c>. A value that does
    /// not fit is never cut or rounded to fit (both providers would do that silently); it is bound with a
    /// type of its own instead.
    /// </summary>
    public bool Holds(object? value) => (value, DbType) switch
    {
        (string s, DbType.String) => Size is not { } size || size < 0 || s.Length <= size,
        (decimal m, DbType.Decimal) => Precision is not { } precision || Fits(m, precision, Scale ?? 0),
        (long l, DbType.Int32) => l is >= int.MinValue and <= int.MaxValue,
        (int, DbType.Int32) or (bool, DbType.Boolean) or (DateOnly, DbType.Date) => true,
        _ => false,
    };

    /// <summary>The SQL Server spelling, as in the DDL: <c>nvarchar(100)</c>, <c>decimal(19,4)</c>.</summary>
    public override string ToString() => DbType switch
    {
        DbType.String => $"nvarchar({(Size is -1 ? "max" : (Size ?? DefaultTextLength).ToString(CultureInfo.InvariantCulture))})",
        DbType.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision ?? 18},{Scale ?? 0})"),
        DbType.Int32 => "int",
        DbType.Boolean => "bit",
        DbType.Date => "date",
        _ => DbType.ToString(),
    };

    private static bool Fits(decimal value, byte precision, byte scale) =>
        decimal.Round(value, scale) == value && Math.Abs(decimal.Truncate(value)).ToString(CultureInfo.InvariantCulture).TrimStart('0').Length <= precision - scale;
}
