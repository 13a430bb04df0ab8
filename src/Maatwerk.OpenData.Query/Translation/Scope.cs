using System.Globalization;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>What a range variable (<c>$it</c>, or the variable of an any/all lambda) stands for in SQL.</summary>
internal abstract record Binding;

/// <summary>A row of a resource, under a table alias.</summary>
internal sealed record EntityBinding(string Alias, EntityMap Entity) : Binding;

/// <summary>A row of a child table holding a complex collection (e.g. a company's sites).</summary>
internal sealed record RowBinding(string Alias, ChildRows Rows) : Binding;

/// <summary>One value of a primitive collection (e.g. one of a record's source ids).</summary>
internal sealed record ValueBinding(SqlExpr Value) : Binding;

/// <summary>The range variables in scope and the table aliases handed out so far.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, Binding> bindings = new(StringComparer.Ordinal);
    private int aliases;

    public Scope(string rootAlias, EntityMap root) => bindings["$it"] = new EntityBinding(rootAlias, root);

    public Binding this[string name] => bindings.TryGetValue(name, out var binding)
        ? binding
        : throw new InvalidQueryException($"The range variable '{name}' is not defined here.");

    /// <summary>A fresh table alias for a subquery.</summary>
    public string NextAlias(string prefix) => prefix + (++aliases).ToString(CultureInfo.InvariantCulture);

    /// <summary>Binds a lambda variable for the duration of its body.</summary>
    public IDisposable Bind(string name, Binding binding)
    {
        var previous = bindings.GetValueOrDefault(name);
        bindings[name] = binding;
        return new Restore(() =>
        {
            if (previous is null)
            {
                bindings.Remove(name);
            }
            else
            {
                bindings[name] = previous;
            }
        });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
