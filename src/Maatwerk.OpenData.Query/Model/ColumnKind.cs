namespace Maatwerk.OpenData.Query.Model;

/// <summary>The value kinds a column can hold; each dialect binds and renders them the same way.</summary>
public enum ColumnKind
{
    String,
    Boolean,
    Int32,
    Decimal,

    /// <summary>A floating-point result (the average of integers), never a stored column.</summary>
    Double,

    /// <summary>A calendar date without time (Edm.Date), stored as <c>date</c> or ISO text.</summary>
    Date,

    /// <summary>
    /// A JSON array assembled by the database from a child table, stored on the row at load time or built
    /// per row (see <see cref="ChildRows"/>).
    /// </summary>
    JsonArray,
}
