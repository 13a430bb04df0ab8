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
        foreach (var map in maps)
        {
            var type = new EdmEntityType("Test", map.Table);
            foreach (var column in map.Columns)
            {
                var property = column.Children is { } children
                    ? type.AddStructuralProperty(column.Property, new EdmCollectionTypeReference(new EdmCollectionType(
                        children.IsScalar ? EdmCoreModel.Instance.GetString(false) : EdmCoreModel.Instance.GetUntyped())))
                    : type.AddStructuralProperty(column.Property, Kind(column.Kind), column.Nullable);
                if (column == map.Key)
                {
                    type.AddKeys(property);
                }
            }

            model.AddElement(type);
            container.AddEntitySet(map.EntitySet, type);
            tables[map.EntitySet] = map;
        }

        model.AddElement(container);
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
