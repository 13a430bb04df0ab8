using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>Readings of ODataLib's filter trees that more than one translator needs.</summary>
internal static class QueryNodes
{
    /// <summary>The node under the type conversions ODataLib wraps around operands (a <see cref="ConvertNode"/> around a property or constant).</summary>
    public static SingleValueNode WithoutConversions(SingleValueNode node)
    {
        while (node is ConvertNode convert)
        {
            node = convert.Source;
        }

        return node;
    }

    /// <summary>
    /// A property path as text (<c>$it/company/sector</c>): the same text for the same path from the same
    /// range variable, so two operands read the same value when their paths are equal; null for anything
    /// that is not a path.
    /// </summary>
    public static string? Path(SingleValueNode node) => WithoutConversions(node) switch
    {
        SingleValuePropertyAccessNode property when property.Source is SingleValueNode source && Path(source) is { } parent => parent + "/" + property.Property.Name,
        SingleNavigationNode navigation when navigation.Source is SingleValueNode source && Path(source) is { } parent => parent + "/" + navigation.NavigationProperty.Name,
        ResourceRangeVariableReferenceNode variable => variable.Name,
        _ => null,
    };
}
