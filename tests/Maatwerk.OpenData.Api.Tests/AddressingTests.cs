using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The addressing middleware parses only paths that <see cref="ODataAddressing.MayRewrite"/> picks out:
/// every path that <see cref="ODataAddressing.Canonical"/> would rewrite must be among them.
/// </summary>
public sealed class AddressingTests
{
    public static TheoryData<string> AddressForms()
    {
        var data = new TheoryData<string>();
        foreach (var resource in V1.Definition.Resources)
        {
            var id = resource.Examples.Id;
            foreach (var set in new[] { resource.Path, resource.EntitySet })
            {
                data.Add($"/v1/{set}");
                data.Add($"/v1/{set}/{id}");
                data.Add($"/v1/{set}('{id}')");
                data.Add($"/v1/{set}({resource.Table.Key.Property}='{id}')");
                data.Add($"/v1/{set}/$count");
                foreach (var navigation in resource.Table.Navigations)
                {
                    data.Add($"/v1/{set}/{id}/{navigation.Property}");
                    data.Add($"/v1/{set}/{id}/{ODataAddressing.Kebab(navigation.Property)}");
                    data.Add($"/v1/{set}('{id}')/{navigation.Property}/$count");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AddressForms))]
    public void Canonical_RewritesOnlyPathsThatMayRewritePicksOut(string path)
    {
        var canonical = ODataAddressing.Canonical(path, [V1.Definition]);

        if (canonical is not null && canonical != path)
        {
            Assert.True(ODataAddressing.MayRewrite(path), $"{path} is rewritten to {canonical} but would not be parsed");
        }
    }

    [Fact]
    public void Forms_IncludeRewrittenAndCanonicalPaths()
    {
        var forms = AddressForms().Select(row => row.Data).ToList();

        Assert.Contains(forms, p => ODataAddressing.Canonical(p, [V1.Definition]) is { } c && c != p);
        Assert.Contains(forms, p => ODataAddressing.Canonical(p, [V1.Definition]) == p && !ODataAddressing.MayRewrite(p));
    }
}
