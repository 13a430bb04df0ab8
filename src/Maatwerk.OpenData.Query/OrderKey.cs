using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query;

/// <summary>One key of a result's order.</summary>
public sealed record OrderKey(ColumnMap Column, bool Descending);
