using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Tests.Shared;

/// <summary>
/// An EDM made straight from allow-lists, and a parser that turns query text into a
/// <see cref="QuerySpec"/> through ODataLib, as the API does, without the web host.
/// </summary>
internal sealed class TableModel
{
    private readonly EdmModel model = new();
    private readonly Dictionary<string, EntityMap> tables = new(StringComparer.Ordinal);

    public TableModel(params EntityMap[] maps)
    {
        var container = new EdmEntityContainer("Test", "Container");
        var types = new Dictionary<EntityMap, EdmEntityType>();
        foreach (var map in maps)
        {
            var type = new EdmEntityType("Test", map.Table);
            foreach (var column in map.Columns)
            {
                var property = column.Children is { } children
                    ? type.AddStructuralProperty(column.Property, new EdmCollectionTypeReference(new EdmCollectionType(Element(children, column.Property))))
                    : type.AddStructuralProperty(column.Property, Kind(column.Kind), column.Nullable);
                if (column == map.Key)
                {
                    type.AddKeys(property);
                }
            }

            model.AddElement(type);
            types[map] = type;
            tables[map.EntitySet] = map;
        }

        var sets = maps.ToDictionary(m => m, m => container.AddEntitySet(m.EntitySet, types[m]));
        foreach (var map in maps)
        {
            foreach (var navigation in map.Navigations)
            {
                var target = navigation.Target();
                var property = types[map].AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                {
                    Name = navigation.Property,
                    Target = types[target],
                    TargetMultiplicity = navigation.IsCollection ? EdmMultiplicity.Many : navigation.Nullable ? EdmMultiplicity.ZeroOrOne : EdmMultiplicity.One,
                });
                sets[map].AddNavigationTarget(property, sets[target]);
            }
        }

        model.AddElement(container);
    }

    private IEdmTypeReference Element(ChildRows children, string property)
    {
        if (children.IsScalar)
        {
            return EdmCoreModel.Instance.GetString(false);
        }

        var complex = new EdmComplexType("Test", property + "Item");
        foreach (var field in children.Fields)
        {
            complex.AddStructuralProperty(field.Name!, EdmPrimitiveTypeKind.String, isNullable: true);
        }

        model.AddElement(complex);
        return new EdmComplexTypeReference(complex, isNullable: false);
    }

    public QuerySpec Parse(string entitySet, string query, int pageSize = 100)
    {
        var parser = new ODataUriParser(model, new Uri("http://host/"), new Uri($"http://host/{entitySet}?{query}"))
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        return new QuerySpec(tables[entitySet])
        {
            Filter = parser.ParseFilter(),
            OrderBy = parser.ParseOrderBy(),
            SelectExpand = parser.ParseSelectAndExpand(),
            Top = parser.ParseTop(),
            Skip = parser.ParseSkip(),
            Count = parser.ParseCount() == true,
            Apply = parser.ParseApply(),
            PageSize = pageSize,
        };
    }

    private static EdmPrimitiveTypeKind Kind(ColumnKind kind) => kind switch
    {
        ColumnKind.String => EdmPrimitiveTypeKind.String,
        ColumnKind.Boolean => EdmPrimitiveTypeKind.Boolean,
        ColumnKind.Int32 => EdmPrimitiveTypeKind.Int32,
        ColumnKind.Decimal => EdmPrimitiveTypeKind.Decimal,
        _ => EdmPrimitiveTypeKind.Date,
    };
}
