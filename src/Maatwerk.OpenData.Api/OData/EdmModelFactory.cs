using Maatwerk.OpenData.Api.Versioning;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OData.ModelBuilder;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>Builds the EDM model of a version from its resources' contract types.</summary>
public static class EdmModelFactory
{
    public const string Namespace = "Maatwerk.OpenData";

    public static IEdmModel Create(IEnumerable<ResourceDefinition> resources, IEnumerable<FunctionDefinition>? functions = null)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "MaatwerkOpenData" };
        var list = resources.ToList();
        foreach (var resource in list)
        {
            resource.AddToModel(builder);
        }

        var functionList = functions?.ToList() ?? [];
        foreach (var function in functionList)
        {
            function.AddToModel(builder);
        }

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        // EDM nullability comes from the allow-list (which mirrors the table), not from CLR conventions.
        foreach (var resource in list.Select(r => (r.ContractType, r.Table, Name: r.EntitySet)).Concat(functionList.Select(f => (f.ContractType, f.Table, f.Name))))
        {
            var type = builder.StructuralTypes.Single(t => t.ClrType == resource.ContractType);
            foreach (var property in type.Properties.OfType<StructuralPropertyConfiguration>())
            {
                var column = resource.Table.Columns.SingleOrDefault(c => string.Equals(c.Property, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"{resource.ContractType.Name}.{property.Name} has no column in the allow-list of {resource.Name}.");
                property.NullableProperty = column.Nullable;
            }

            // Relationships come from the allow-list too: each names a property of the contract type.
            var entity = (EntityTypeConfiguration)type;
            foreach (var navigation in resource.Table.Navigations)
            {
                var property = resource.ContractType.GetProperties().SingleOrDefault(p => string.Equals(p.Name, navigation.Property, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"{resource.ContractType.Name} has no property for the navigation '{navigation.Property}'.");
                entity.AddNavigationProperty(property, navigation switch
                {
                    { IsCollection: true } => EdmMultiplicity.Many,
                    { Nullable: true } => EdmMultiplicity.ZeroOrOne,
                    _ => EdmMultiplicity.One,
                });
            }
        }

        builder.EnableLowerCamelCase();
        var model = (EdmModel)builder.GetEdmModel();
        AnnotateConformance(model);
        return model;
    }

    // The service tells clients what it conforms to (OData 4.01, Protocol, Conformance): the protocol
    // versions it speaks (Core.ODataVersions) and its conformance level (Capabilities.ConformanceLevel).
    private static void AnnotateConformance(EdmModel model)
    {
        var container = model.EntityContainer;
        var versions = CoreVocabularyModel.Instance.FindDeclaredTerm("Org.OData.Core.V1.ODataVersions");
        if (versions is not null)
        {
            Inline(model, new EdmVocabularyAnnotation(container, versions, new EdmStringConstant("4.0 4.01")));
        }

        var level = CapabilitiesVocabularyModel.Instance.FindDeclaredTerm("Org.OData.Capabilities.V1.ConformanceLevel");
        if (level?.Type.Definition is IEdmEnumType levels && levels.Members.FirstOrDefault(m => m.Name == "Intermediate") is { } intermediate)
        {
            Inline(model, new EdmVocabularyAnnotation(container, level, new EdmEnumMemberExpression(intermediate)));
        }

        model.SetEdmReferences(
        [
            Reference("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml", "Org.OData.Core.V1", "Core"),
            Reference("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml", "Org.OData.Capabilities.V1", "Capabilities"),
        ]);
    }

    private static void Inline(EdmModel model, EdmVocabularyAnnotation annotation)
    {
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.SetVocabularyAnnotation(annotation);
    }

    private static EdmReference Reference(string uri, string ns, string alias)
    {
        var reference = new EdmReference(new Uri(uri));
        reference.AddInclude(new EdmInclude(alias, ns));
        return reference;
    }
}
