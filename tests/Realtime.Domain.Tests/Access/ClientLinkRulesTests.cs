using Realtime.Grains.Domain.Access;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Access;

public class ClientLinkRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Organization = Guid.NewGuid();
    private static readonly Guid Client = Guid.NewGuid();

    [Fact]
    public void A_sign_in_link_is_a_new_link_of_the_client_for_its_lifetime()
    {
        var first = ClientLinkRules.SignIn(Organization, Client, Now, ClientLinkRules.DefaultSignInLifetime);
        var second = ClientLinkRules.SignIn(Organization, Client, Now, ClientLinkRules.DefaultSignInLifetime);

        Assert.Equal((Organization, Client, (Guid?)null, Now.AddMinutes(30)), (first.OrganizationId, first.ClientId, first.AppointmentId, first.ExpiresAt));
        Assert.NotEqual(first.LinkId, second.LinkId);
    }

    [Fact]
    public void A_manage_link_works_until_the_appointment_ends_and_an_ended_one_gets_none()
    {
        var appointment = Guid.NewGuid();
        var end = Now.AddHours(2);

        var grant = ClientLinkRules.Manage(Organization, Client, appointment, end, Now);

        Assert.NotNull(grant);
        Assert.Equal((appointment, end), (grant.AppointmentId!.Value, grant.ExpiresAt));
        Assert.Null(ClientLinkRules.Manage(Organization, Client, appointment, end, end));
        Assert.Null(ClientLinkRules.Manage(Organization, Client, appointment, end, end.AddMinutes(1)));
    }

    [Fact]
    public void A_link_is_expired_from_its_expiry_on()
    {
        var grant = ClientLinkRules.SignIn(Organization, Client, Now, TimeSpan.FromMinutes(30));

        Assert.Null(ClientLinkRules.Expiry(grant, Now.AddMinutes(30).AddTicks(-1)));
        Assert.Equal(ErrorCodes.LinkExpired, ClientLinkRules.Expiry(grant, Now.AddMinutes(30))?.Code);
        Assert.Equal(ErrorCodes.LinkExpired, ClientLinkRules.Expiry(grant, Now.AddDays(1))?.Code);
    }

    [Fact]
    public void Refusals_have_distinct_codes_and_say_what_to_do()
    {
        Assert.Equal(ErrorCodes.LinkInvalid, ClientLinkRules.Invalid.Code);
        Assert.Equal(ErrorCodes.LinkUsed, ClientLinkRules.Used.Code);
        Assert.Contains("ask for a new sign-in link", ClientLinkRules.Used.Message);
    }

    [Theory]
    [InlineData("https://book.example.com", "https://book.example.com/client/sign-in?token=a%2Bb%2Fc%3D&org=01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData("https://book.example.com/", "https://book.example.com/client/sign-in?token=a%2Bb%2Fc%3D&org=01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData("https://example.com/salon/", "https://example.com/salon/client/sign-in?token=a%2Bb%2Fc%3D&org=01234567-89ab-cdef-0123-456789abcdef")]
    public void The_url_is_on_the_public_site_with_the_token_escaped_and_the_organisation(string baseUrl, string expected) =>
        Assert.Equal(expected, ClientLinkRules.Url(baseUrl, ClientLinkRules.SignInPath, "a+b/c=", Guid.Parse("0123456789abcdef0123456789abcdef")));

    [Theory]
    [InlineData("  Ewa.Nowak@Example.COM ", "ewa.nowak@example.com")]
    [InlineData("ewa@example.com", "ewa@example.com")]
    public void Email_addresses_are_compared_trimmed_and_lower_cased(string typed, string stored) =>
        Assert.Equal(stored, ClientContacts.NormalizeEmail(typed));
}
