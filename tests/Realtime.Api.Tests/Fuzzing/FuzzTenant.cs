using Realtime.Api.Tests.ClientApi;

namespace Realtime.Api.Tests.Fuzzing;

/// <summary>The organisation the fuzzer works on: a few real objects to aim at, and one HTTP client per kind of caller.</summary>
internal sealed class FuzzTenant
{
    private FuzzTenant(IReadOnlyDictionary<string, Guid> ids, IReadOnlyDictionary<string, HttpClient> callers)
    {
        Ids = ids;
        Callers = callers;
    }

    /// <summary>Real ids by kind: organization, location, resource, service, client, appointment.</summary>
    public IReadOnlyDictionary<string, Guid> Ids { get; }

    /// <summary>By name: owner, frontDesk, otherOrganization, client, manageLink, operator, garbage, none.</summary>
    public IReadOnlyDictionary<string, HttpClient> Callers { get; }

    public static async Task<FuzzTenant> Create(ApiFixture api)
    {
        var tenant = await api.NewTenant("Fuzzed chain");
        var other = await api.NewTenant("Other chain");
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.Service();
        var client = await tenant.Client();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, Local(3, 10));
        var ids = new Dictionary<string, Guid>
        {
            ["organization"] = tenant.OrganizationId, ["location"] = location, ["resource"] = resource, ["service"] = service,
            ["client"] = client, ["appointment"] = appointment,
        };
        var callers = new Dictionary<string, HttpClient>
        {
            ["owner"] = tenant.Owner,
            ["frontDesk"] = await tenant.KeyClient("frontDesk"),
            ["otherOrganization"] = other.Owner,
            ["client"] = api.ClientSession(tenant, client),
            ["manageLink"] = api.ClientSession(tenant, client, appointment),
            ["operator"] = api.Client(ApiFixture.OperatorKey),
            ["garbage"] = api.Client("rtk_00000000000000000000000000000000_garbage"),
            ["none"] = api.Client(),
        };
        return new FuzzTenant(ids, callers);
    }

    /// <summary>An example body with its placeholders replaced by the tenant's ids and a bookable time some days ahead.</summary>
    public string Fill(string example, int daysAhead) =>
        Ids.Aggregate(example, (text, id) => text.Replace($"{{{id.Key}}}", id.Value.ToString()))
            .Replace("{start}", Local(daysAhead, 11).ToString("yyyy-MM-dd'T'HH:mm:sszzz"))
            .Replace("{date}", Local(daysAhead, 11).ToString("yyyy-MM-dd"));
}
