using Maatwerk.OpenData.Api.Versioning;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>Builds the EDM model of a version from its resources' contract types.</summary>
public static class EdmModelFactory
{
    public const string Namespace = "Maatwerk.OpenData";

    public static IEdmModel Create(IEnumerable<ResourceDefinition> resources)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "MaatwerkOpenData" };
        var list = resources.ToList();
        foreach (var resource in list)
        {
            resource.AddToModel(builder);
        }

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        // EDM nullability comes from the allow-list (which mirrors the table), not from CLR conventions.
        foreach (var resource in list)
        {
            var type = builder.StructuralTypes.Single(t => t.ClrType == resource.ContractType);
            foreach (var property in type.Properties.OfType<StructuralPropertyConfiguration>())
            {
                var column = resource.Table.Columns.SingleOrDefault(c => string.Equals(c.Property, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"{resource.ContractType.Name}.{property.Name} has no column in the allow-list of {resource.EntitySet}.");
                property.NullableProperty = column.Nullable;
            }
        }

        builder.EnableLowerCamelCase();
        return builder.GetEdmModel();
    }
}
