using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// What a <c>$filter</c> tree costs, for the node limit: one per node, except that a list of values tested
/// on one operand counts as a single comparison, written either as <c>id in ('a','b',...)</c> or as the
/// <c>id eq 'a' or id eq 'b' or ...</c> chain that Power Query folds a list filter into. Such a list is one
/// index lookup per value in SQL, and its length is already bounded by the query length limit; functions,
/// lambdas, paths and comparisons of different operands keep their full cost.
/// </summary>
public static class FilterCost
{
    /// <summary>The cost of a filter expression (1 for a lone property or constant).</summary>
    public static int Of(SingleValueNode expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Cost(expression);
    }

    private static int Cost(QueryNode node) => node switch
    {
        ConvertNode convert => Cost(convert.Source),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } disjunction when ListOperand(disjunction) is { } operand => Cost(operand) + 2,
        InNode { Right: CollectionConstantNode } list => Cost(list.Left) + 2,
        BinaryOperatorNode binary => 1 + Cost(binary.Left) + Cost(binary.Right),
        UnaryOperatorNode unary => 1 + Cost(unary.Operand),
        InNode inNode => 1 + Cost(inNode.Left) + Cost(inNode.Right),
        SingleValueFunctionCallNode function => 1 + function.Parameters.Sum(Cost),
        LambdaNode lambda => 1 + Cost(lambda.Source) + (lambda.Body is null ? 0 : Cost(lambda.Body)),
        CountNode count => 1 + Cost(count.Source),
        SingleValuePropertyAccessNode property => 1 + Cost(property.Source),
        SingleNavigationNode navigation => 1 + (navigation.Source is null ? 0 : Cost(navigation.Source)),
        CollectionNavigationNode navigation => 1 + (navigation.Source is null ? 0 : Cost(navigation.Source)),
        CollectionPropertyAccessNode property => 1 + Cost(property.Source),
        CollectionComplexNode complex => 1 + Cost(complex.Source),
        SingleComplexNode complex => 1 + Cost(complex.Source),
        _ => 1,
    };

    // x eq 'a' or x eq 'b' or ...: the one operand every equality tests against a constant, or null.
    private static SingleValueNode? ListOperand(BinaryOperatorNode disjunction)
    {
        string? key = null;
        SingleValueNode? operand = null;
        var pending = new Stack<SingleValueNode>([disjunction.Left, disjunction.Right]);
        while (pending.Count > 0)
        {
            switch (Strip(pending.Pop()))
            {
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } inner:
                    pending.Push(inner.Left);
                    pending.Push(inner.Right);
                    break;
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal
                    when Constant(equal.Right) && Path(equal.Left) is { } path && (key is null || key == path):
                    key = path;
                    operand = equal.Left;
                    break;
                default:
                    return null;
            }
        }

        return operand;
    }

    private static SingleValueNode Strip(SingleValueNode node) => node is ConvertNode convert ? Strip(convert.Source) : node;

    private static bool Constant(SingleValueNode node) => Strip(node) is ConstantNode;

    // A property path as text (company/sector), the same text for the same path; null for anything else.
    private static string? Path(SingleValueNode node) => Strip(node) switch
    {
        SingleValuePropertyAccessNode property when property.Source is SingleValueNode source && Path(source) is { } parent => parent + "/" + property.Property.Name,
        SingleNavigationNode navigation when navigation.Source is SingleValueNode source && Path(source) is { } parent => parent + "/" + navigation.NavigationProperty.Name,
        ResourceRangeVariableReferenceNode variable => variable.Name,
        _ => null,
    };
}
