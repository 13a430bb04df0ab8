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

    /// <summary>
    /// Whether the filter reads rows no index can find: it tests a function of a column (an unanchored
    /// <c>contains</c>, <c>tolower</c>, <c>year</c>, ...; <c>startswith</c> alone reads an index range),
    /// related rows (<c>any</c>, <c>all</c>, a related <c>$count</c>), so that its cost grows with the
    /// table rather than with the page. Such a query is counted as expensive before it runs.
    /// </summary>
    public static bool Scans(SingleValueNode expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return ScansAny(expression);
    }

    private static bool ScansAny(QueryNode? node) => node switch
    {
        null => false,
        LambdaNode or CountNode => true,
        SingleValueFunctionCallNode { Name: "startswith" } function => function.Parameters.Any(ScansAny),
        SingleValueFunctionCallNode function => function.Parameters.Any(ReadsColumn),
        ConvertNode convert => ScansAny(convert.Source),
        BinaryOperatorNode binary => ScansAny(binary.Left) || ScansAny(binary.Right),
        UnaryOperatorNode unary => ScansAny(unary.Operand),
        InNode inNode => ScansAny(inNode.Left) || ScansAny(inNode.Right),
        _ => false,
    };

    // Whether a value depends on a row (a property, a related row), not only on constants and now().
    private static bool ReadsColumn(QueryNode node) => node switch
    {
        SingleValuePropertyAccessNode or CollectionPropertyAccessNode or SingleNavigationNode or CollectionNavigationNode or LambdaNode or CountNode => true,
        ConvertNode convert => ReadsColumn(convert.Source),
        BinaryOperatorNode binary => ReadsColumn(binary.Left) || ReadsColumn(binary.Right),
        UnaryOperatorNode unary => ReadsColumn(unary.Operand),
        SingleValueFunctionCallNode function => function.Parameters.Any(ReadsColumn),
        _ => false,
    };

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
            switch (QueryNodes.WithoutConversions(pending.Pop()))
            {
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } inner:
                    pending.Push(inner.Left);
                    pending.Push(inner.Right);
                    break;
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal
                    when Constant(equal.Right) && QueryNodes.Path(equal.Left) is { } path && (key is null || key == path):
                    key = path;
                    operand = equal.Left;
                    break;
                default:
                    return null;
            }
        }

        return operand;
    }

    private static bool Constant(SingleValueNode node) => QueryNodes.WithoutConversions(node) is ConstantNode;
}
