using System.Reflection;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// A path for every navigation property of a resource, made from its allow-list (<see cref="EntityMap.Navigations"/>),
/// so a relationship added there gets its path without more code: <c>/companies/{id}/status-changes</c> is a
/// collection of status changes with every collection option and its <c>/$count</c>;
/// <c>/status-changes/{id}/company</c> is one company with <c>$select</c> and <c>$expand</c>. The segment is
/// the property name in kebab-case; the OData spelling (<c>companies('nobian')/statusChanges</c>) reaches the
/// same endpoint through <see cref="ODataAddressing"/>.
/// </summary>
public static class NavigationEndpoints
{
    public static void MapNavigationEndpoints(this RouteGroupBuilder version, ResourceDefinition resource, IReadOnlyList<ResourceDefinition> resources)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resources);
        var group = version.MapGroup("/" + resource.Path).WithTags(PropertyEndpoints.Tag(resource)).WithMetadata(new NavigationPathMetadata());
        foreach (var navigation in resource.Table.Navigations)
        {
            var target = navigation.Target();
            var rows = resources.FirstOrDefault(r => r.Table == target);
            if (rows is null)
            {
                continue; // The target is not published in this version.
            }

            var map = typeof(NavigationEndpoints).GetMethod(navigation.IsCollection ? nameof(MapCollection) : nameof(MapSingle), BindingFlags.NonPublic | BindingFlags.Static)!;
            map.MakeGenericMethod(rows.ContractType).Invoke(null, [group, resource, navigation, rows]);
        }
    }

    private static void MapCollection<T>(RouteGroupBuilder group, ResourceDefinition parent, NavigationMap navigation, ResourceDefinition rows)
    {
        var segment = ODataAddressing.Kebab(navigation.Property);
        var (one, name) = (Words(parent.ContractType.Name), Pascal(navigation.Property));
        group.MapGet($"/{{id}}/{segment}",
                (string id, ODataQueryOptions<T> options, ResourceQueries queries, CancellationToken cancellationToken) =>
                    queries.ListRelatedAsync(options, new NavigationScope(parent.Table, navigation, id), cancellationToken))
            .WithName($"List{parent.ContractType.Name}{name}")
            .WithSummary($"List the {Words(navigation.Property)} of one {one}")
            .WithDescription($"The {Words(navigation.Property)} related to this {one} ({parent.EntitySet}/{navigation.Property} in $metadata), "
                + $"with the same query options as /{rows.Path}. An unknown id is a 404.");

        group.MapGet($"/{{id}}/{segment}/$count",
                (string id, ODataQueryOptions<T> options, ResourceQueries queries, CancellationToken cancellationToken) =>
                    queries.CountRelatedAsync(options, new NavigationScope(parent.Table, navigation, id), cancellationToken))
            .WithName($"Count{parent.ContractType.Name}{name}")
            .WithSummary($"Count the {Words(navigation.Property)} of one {one}")
            .WithDescription($"The number of this {one}'s {Words(navigation.Property)} matching $filter, as plain text.")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");
    }

    private static void MapSingle<T>(RouteGroupBuilder group, ResourceDefinition parent, NavigationMap navigation, ResourceDefinition rows)
    {
        var one = Words(parent.ContractType.Name);
        group.MapGet($"/{{id}}/{ODataAddressing.Kebab(navigation.Property)}",
                (string id, ODataQueryOptions<T> options, ResourceQueries queries, CancellationToken cancellationToken) =>
                    queries.GetRelatedAsync(options, new NavigationScope(parent.Table, navigation, id), cancellationToken))
            .WithName($"Get{parent.ContractType.Name}{Pascal(navigation.Property)}")
            .WithSummary($"Get the {Words(navigation.Property)} of one {one}")
            .WithDescription($"The {Words(rows.ContractType.Name)} this {one} refers to as {navigation.Property} ({parent.EntitySet}/{navigation.Property} in $metadata), "
                + $"with $select and $expand as on /{rows.Path}/{{id}}. 204 when it has none; an unknown id is a 404.");
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    // statusChanges -> status changes, AgreedReduction -> agreed reduction
    private static string Words(string name) => ODataAddressing.Kebab(name).Replace('-', ' ');
}

/// <summary>Marks an endpoint that reads the rows related to one record over a navigation property.</summary>
public sealed class NavigationPathMetadata;
