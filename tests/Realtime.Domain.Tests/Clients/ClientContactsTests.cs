using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Clients;

public class ClientContactsTests
{
    private static readonly Guid Organization = Guid.Parse("0f000000-0000-4000-8000-000000000001");
    private static readonly Guid Ewa = Guid.Parse("e0000000-0000-4000-8000-000000000001");
    private static readonly Guid Ola = Guid.Parse("e0000000-0000-4000-8000-000000000002");

    private static ClientProfile Profile(string email, string? phone = null) => new("Ewa", "Nowak", email, phone, null, null, null, "pl");

    [Theory]
    [InlineData("Ewa.Nowak@Example.PL", "ewa.nowak@example.pl")]
    [InlineData("  ewa@example.pl\t", "ewa@example.pl")]
    [InlineData(null, "")]
    public void An_address_compares_trimmed_and_in_lower_case(string? typed, string stored)
    {
        Assert.Equal(stored, ClientContacts.NormalizeEmail(typed));
    }

    [Theory]
    [InlineData("+48 600 100 200", "48600100200")]
    [InlineData("+48-600-100-200", "48600100200")]
    [InlineData("(600) 100 200", "600100200")]
    [InlineData("0048600125225", "48600125225")] // 00, the international call prefix, is the +
    [InlineData("00 48 600 125 225", "48600125225")]
    public void A_phone_number_compares_by_its_digits_alone(string typed, string digits)
    {
        Assert.Equal([new ClientContact(ClientContacts.Email, "ewa@example.pl"), new ClientContact(ClientContacts.Phone, digits)],
            ClientContacts.Of(Profile(" EWA@example.pl", typed)));
    }

    [Fact]
    public void A_client_without_a_phone_is_reached_by_address_only_and_none_by_nothing()
    {
        Assert.Equal([new ClientContact(ClientContacts.Email, "ewa@example.pl")], ClientContacts.Of(Profile("ewa@example.pl", "  ")));
        Assert.Empty(ClientContacts.Of(null));
    }

    [Fact]
    public void A_change_claims_only_what_is_new_and_gives_up_only_what_is_gone()
    {
        var before = Profile("ewa@example.pl", "+48 600 100 200");
        var after = Profile("EWA@example.pl", "+48 600 999 999");

        Assert.Equal([new ClientContact(ClientContacts.Phone, "48600999999")], ClientContacts.Added(before, after));
        Assert.Equal([new ClientContact(ClientContacts.Phone, "48600100200")], ClientContacts.Dropped(before, after));
        Assert.Equal(ClientContacts.Of(after), ClientContacts.Added(null, after));
        Assert.Equal(ClientContacts.Of(before), ClientContacts.Dropped(before, null));
    }

    [Fact]
    public void A_claims_key_names_its_organisation_and_field_but_not_the_address_or_number()
    {
        var email = new ClientContact(ClientContacts.Email, "ewa.nowak@example.pl");
        var phone = new ClientContact(ClientContacts.Phone, "48600100200");

        var key = ClientContacts.Key(Organization, email);

        Assert.StartsWith("0f000000000040008000000000000001/email/", key);
        Assert.DoesNotContain("ewa", key);
        Assert.DoesNotContain("48600100200", ClientContacts.Key(Organization, phone));
        Assert.Equal(key, ClientContacts.Key(Organization, new ClientContact(ClientContacts.Email, "ewa.nowak@example.pl")));
        Assert.NotEqual(key, ClientContacts.Key(Guid.NewGuid(), email));
        Assert.NotEqual(key, ClientContacts.Key(Organization, email with { Value = "ola@example.pl" }));
    }

    [Fact]
    public void A_claim_counts_unasked_for_a_minute_only()
    {
        var claimed = new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero);

        Assert.True(ClientContacts.IsPending(claimed, claimed.AddSeconds(59)));
        Assert.False(ClientContacts.IsPending(claimed, claimed.AddMinutes(1)));
        Assert.False(ClientContacts.IsPending(DateTimeOffset.MinValue, claimed));
    }

    [Fact]
    public void The_refusal_names_each_field_taken_and_the_client_with_the_address_to_open()
    {
        var error = ClientContacts.Exists(
            [(new ClientContact(ClientContacts.Phone, "48600100200"), Ola), (new ClientContact(ClientContacts.Email, "ewa@example.pl"), Ewa)]);

        Assert.Equal(ErrorCodes.ClientExists, error.Code);
        Assert.Equal(["email", "phone"], error.Fields.Select(f => f.Field));
        Assert.Equal("Another client has this phone number.", error.Fields[1].Message);
        Assert.Equal(Ewa.ToString(), error.Facts!["existingClientId"]);
        Assert.Equal("A client with this e-mail address and another with this phone number exist already: open the one with the e-mail address, "
            + "or save this one anyway if several people share them.", error.Message);
    }

    [Fact]
    public void An_address_and_a_phone_of_one_client_are_refused_as_that_one_client()
    {
        var error = ClientContacts.Exists(
            [(new ClientContact(ClientContacts.Email, "ewa@example.pl"), Ewa), (new ClientContact(ClientContacts.Phone, "48600100200"), Ewa)]);

        Assert.Equal("A client with this e-mail address and phone number exists already: open that client, or save this one anyway if two people share it.",
            error.Message);
    }
}
