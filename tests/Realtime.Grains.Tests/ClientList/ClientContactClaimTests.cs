using Npgsql;
using Realtime.Grains.Clients;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>
/// No two clients of an organisation take one e-mail address or phone number by mistake, however close together they
/// are created or changed: each is claimed by one grain, on real PostgreSQL.
/// </summary>
[Collection(ClientProjectionClusterCollection.Name)]
public sealed class ClientContactClaimTests(ClientProjectionClusterFixture fixture)
{
    private static ClientProfile Profile(string email, string? phone = null, string firstName = "Ona") =>
        new(firstName, "Kazlauskienė", email, phone, null, null, null, "lt");

    private static string Email() => $"ona.{Guid.NewGuid():N}@example.lt";

    private IClientGrain Client(Guid id) => fixture.Grains.GetGrain<IClientGrain>(id);

    private static Guid ExistingClient(DomainError error) => Guid.Parse(error.Facts!["existingClientId"]);

    [Fact]
    public async Task Of_many_clients_created_at_once_with_one_address_written_differently_exactly_one_is_created()
    {
        var chain = await Chain.Create(fixture.Grains);
        var email = Email();
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();

        var results = await Task.WhenAll(ids.Select((id, i) =>
            Client(id).Create(chain.OrganizationId, Profile(i % 2 == 0 ? email : $"  {email.ToUpperInvariant()} "))));

        var created = Assert.Single(ids.Where((_, i) => results[i].IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), refused =>
        {
            Assert.Equal((ErrorCodes.ClientExists, created), (refused.Error!.Code, ExistingClient(refused.Error)));
            Assert.Equal(["email"], refused.Error.Fields.Select(f => f.Field));
        });
        Assert.Equal(11, (await Task.WhenAll(ids.Select(id => Client(id).Get()))).Count(view => view is null));
    }

    [Fact]
    public async Task A_phone_shared_on_purpose_is_kept_and_one_shared_by_mistake_names_the_first_client_that_has_it()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (parent, child, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Ok(await Client(parent).Create(chain.OrganizationId, Profile(Email(), "+370 612 34567")));

        var refused = await Client(child).Create(chain.OrganizationId, Profile(Email(), "+370-612-345-67"));
        Refused(ErrorCodes.ClientExists, refused);
        Assert.Equal((parent, "phone"), (ExistingClient(refused.Error!), refused.Error!.Fields.Single().Field));

        Ok(await Client(child).Create(chain.OrganizationId, Profile(Email(), "+370 612 34567"), allowDuplicate: true));
        Assert.Equal(parent, ExistingClient((await Client(third).Create(chain.OrganizationId, Profile(Email(), "37061234567"))).Error!));
        // Another organisation's clients are no one's duplicates.
        var other = await Chain.Create(fixture.Grains);
        Ok(await Client(third).Create(other.OrganizationId, Profile(Email(), "+370 612 34567")));
    }

    [Fact]
    public async Task A_change_to_another_clients_address_is_refused_and_an_address_given_up_or_deleted_is_free_again()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (ona, rasa, jonas) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (onas, rasas) = (Email(), Email());
        Ok(await Client(ona).Create(chain.OrganizationId, Profile(onas, "+370 600 00001")));
        Ok(await Client(rasa).Create(chain.OrganizationId, Profile(rasas)));

        var refused = await Client(rasa).Update(Profile(onas, "+370 600 00001", "Rasa"));
        Refused(ErrorCodes.ClientExists, refused);
        Assert.Equal(["email", "phone"], refused.Error!.Fields.Select(f => f.Field));
        Assert.Equal(rasas, (await Client(rasa).Get())!.Profile.Email);
        Ok(await Client(rasa).Update(Profile(rasas, "+370 600 00002", "Rasa"))); // her own address again, and a phone of her own

        Ok(await Client(ona).Update(Profile(Email(), "+370 600 00001")));
        Ok(await Client(jonas).Create(chain.OrganizationId, Profile(onas)));
        Assert.True(Ok(await Client(ona).Delete(Desk, null)));
        Ok(await Client(rasa).Update(Profile(rasas, "+370 600 00001", "Rasa")));
    }

    [Fact]
    public async Task A_deleted_clients_address_and_phone_are_not_kept_in_the_claims_stored_rows()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (ona, rasa) = (Guid.NewGuid(), Guid.NewGuid());
        var email = Email();
        Ok(await Client(ona).Create(chain.OrganizationId, Profile(email, "+370 699 12345")));
        Assert.True(Ok(await Client(ona).Delete(Desk, null)));

        await using var stored = fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = $1 AND (grainidextensionstring LIKE $2 OR grainidextensionstring LIKE $3)");
        stored.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClientContactGrain.StateName });
        stored.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"%{email}%" });
        stored.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "%37069912345%" });
        Assert.Equal(0L, await stored.ExecuteScalarAsync());
        // Claimed all the same: the next client with the address is refused while it is someone's.
        Ok(await Client(rasa).Create(chain.OrganizationId, Profile(email, "+370 699 12345")));
        Refused(ErrorCodes.ClientExists, await Client(Guid.NewGuid()).Create(chain.OrganizationId, Profile(email)));
    }

    [Fact]
    public async Task A_client_from_before_claims_existed_is_found_through_the_client_list()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        var email = Email();
        Ok(await Client(earlier).Create(chain.OrganizationId, Profile(email)));
        await fixture.WaitForRow(earlier, 1, TimeSpan.FromSeconds(30));
        await using (var forget = fixture.DataSource.CreateCommand($"DELETE FROM orleansstorage WHERE graintypestring = '{ClientContactGrain.StateName}'"))
        {
            await forget.ExecuteNonQueryAsync();
        }
        await fixture.Restart();

        var refused = await Client(later).Create(chain.OrganizationId, Profile(email));

        Refused(ErrorCodes.ClientExists, refused);
        Assert.Equal(earlier, ExistingClient(refused.Error!));
    }
}
