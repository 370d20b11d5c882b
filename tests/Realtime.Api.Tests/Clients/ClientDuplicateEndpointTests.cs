using Realtime.Testing;

namespace Realtime.Api.Tests.Clients;

/// <summary>
/// A second client with an e-mail address or phone number another client of the organisation has is refused (409
/// <c>client_exists</c>), unless asked for on purpose (<c>allowDuplicate</c>); on create and on change, and under concurrency.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientDuplicateEndpointTests(ApiFixture api)
{
    private static object Body(string firstName, string email, string? phone = null, bool? allowDuplicate = null) =>
        new { firstName, lastName = "Nowak", email, phone, language = "pl", allowDuplicate };

    private static async Task<JsonElement> Exists(HttpResponseMessage response, Guid existing, params string[] fields)
    {
        var problem = await ProblemAssert.Is(response, HttpStatusCode.Conflict, "client_exists", fields[0]);
        Assert.Equal(existing, problem.GetProperty("existingClientId").GetGuid());
        Assert.Equal(fields.Order(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        return problem;
    }

    [Fact]
    public async Task A_client_with_an_address_or_phone_another_has_is_refused_naming_them_unless_it_is_on_purpose()
    {
        var tenant = await api.NewTenant();
        var email = $"ewa.{Guid.NewGuid():N}@example.pl";
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak", email, "+48 600 100 200");

        await Exists(await tenant.Owner.PostAsJsonAsync("/api/clients", Body("Ewa", $"  {email.ToUpperInvariant()} "), ApiFixture.Json), ewa, "email");
        var phone = await Exists(await tenant.Owner.PostAsJsonAsync("/api/clients",
            Body("Zosia", $"zosia.{Guid.NewGuid():N}@example.pl", "+48-600-100-200"), ApiFixture.Json), ewa, "phone");
        Assert.Equal("Another client has this phone number.", phone.GetProperty("errors").GetProperty("phone")[0].GetString());
        await Exists(await tenant.Owner.PostAsJsonAsync("/api/clients", // 00, the international call prefix, as the +
            Body("Zosia", $"zosia.{Guid.NewGuid():N}@example.pl", "0048600100200"), ApiFixture.Json), ewa, "phone");
        await Exists(await tenant.Owner.PostAsJsonAsync("/api/clients", Body("Ewa", email, "48600100200"), ApiFixture.Json), ewa, "email", "phone");

        var zosia = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/clients",
            Body("Zosia", $"zosia.{Guid.NewGuid():N}@example.pl", "+48 600 100 200", allowDuplicate: true), HttpStatusCode.Created));
        Assert.Equal(["+48 600 100 200", "+48 600 100 200"], (await Task.WhenAll(new[] { ewa, zosia }.Select(id =>
            Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{id}", null, HttpStatusCode.OK)))).Select(c => c.GetProperty("phone").GetString()));
        // Another organisation's clients are no one's duplicates.
        var other = await api.NewTenant();
        await Clients.Create(other.Owner, "Ewa", "Nowak", email, "+48 600 100 200");
    }

    [Fact]
    public async Task A_change_to_another_clients_address_is_refused_unless_on_purpose_and_ones_own_address_is_no_duplicate()
    {
        var tenant = await api.NewTenant();
        var (ewasEmail, olasEmail) = ($"ewa.{Guid.NewGuid():N}@example.pl", $"ola.{Guid.NewGuid():N}@example.pl");
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak", ewasEmail);
        var ola = await Clients.Create(tenant.Owner, "Ola", "Nowak", olasEmail, "600 200 300");

        await Exists(await tenant.Owner.PutAsJsonAsync($"/api/clients/{ola}", Body("Ola", ewasEmail.ToUpperInvariant()), ApiFixture.Json), ewa, "email");
        Assert.Equal(olasEmail, (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ola}", null, HttpStatusCode.OK)).GetProperty("email").GetString());
        await Send(tenant.Owner, HttpMethod.Put, $"/api/clients/{ola}", Body("Aleksandra", olasEmail, "600-200-300"), HttpStatusCode.OK);

        var shared = await Send(tenant.Owner, HttpMethod.Put, $"/api/clients/{ola}", Body("Ola", ewasEmail, allowDuplicate: true), HttpStatusCode.OK);
        Assert.Equal(ewasEmail, shared.GetProperty("email").GetString());
        // Ola gave up her address and her phone: both are free for someone else.
        await Clients.Create(tenant.Owner, "Jan", "Nowak", olasEmail, "600 200 300");
    }

    [Fact]
    public async Task Of_clients_created_at_the_same_instant_with_one_address_exactly_one_is_created()
    {
        var tenant = await api.NewTenant();
        var email = $"twin.{Guid.NewGuid():N}@example.pl";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            tenant.Owner.PostAsJsonAsync("/api/clients", Body($"Twin{i}", i % 2 == 0 ? email : email.ToUpperInvariant()), ApiFixture.Json)));

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var id = Id(await created.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json));
        foreach (var refused in answers.Where(a => a != created)) await Exists(refused, id, "email");
        await Eventually.True(async () => (await Clients.Found(tenant.Owner, email)).SequenceEqual([id]), "one client is listed");
    }
}
