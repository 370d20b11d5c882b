using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Domain.Tests.Clients;

public class ClientRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 8);

    private static readonly ClientProfile Valid =
        new("Lucía", "García", "lucia@example.es", "+34 600 000 000", "female", new DateOnly(1990, 5, 17), "Prefers mornings", "es");

    public static TheoryData<string, ClientProfile> Invalid => new()
    {
        { "firstName", Valid with { FirstName = "" } },
        { "firstName", Valid with { FirstName = "   " } },
        { "firstName", Valid with { FirstName = null! } },
        { "firstName", Valid with { FirstName = new string('a', ClientRules.MaxNameLength + 1) } },
        { "lastName", Valid with { LastName = "" } },
        { "lastName", Valid with { LastName = null! } },
        { "email", Valid with { Email = "" } },
        { "email", Valid with { Email = null! } },
        { "email", Valid with { Email = "not-an-email" } },
        { "email", Valid with { Email = "lucia@localhost" } },
        { "email", Valid with { Email = "Lucía García <lucia@example.es>" } },
        { "email", Valid with { Email = "lucia@@example.es" } },
        { "phone", Valid with { Phone = "call me" } },
        { "phone", Valid with { Phone = "1234" } },
        { "phone", Valid with { Phone = "+" + new string('1', 21) } },
        { "phone", Valid with { Phone = "600 000 000 ext. 5" } },
        { "gender", Valid with { Gender = new string('x', 31) } },
        { "birthDate", Valid with { BirthDate = Today.AddDays(1) } },
        { "birthDate", Valid with { BirthDate = Today.AddYears(-131) } },
        { "note", Valid with { Note = new string('n', 4001) } },
        { "language", Valid with { Language = "xx" } },
        { "language", Valid with { Language = "" } },
        { "language", Valid with { Language = "ES" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_field_is_named(string field, ClientProfile profile)
    {
        Assert.Equal([field], ClientRules.Validate(profile, Today).Select(e => e.Field));
    }

    [Fact]
    public void A_complete_profile_and_a_minimal_one_are_valid()
    {
        Assert.Empty(ClientRules.Validate(Valid, Today));
        Assert.Empty(ClientRules.Validate(new ClientProfile("Ona", "Kazlauskienė", "ona@example.lt", null, null, null, null, "lt"), Today));
    }

    [Theory]
    [InlineData("+48 600 100 200")]
    [InlineData("600-100-200")]
    [InlineData("12345")]
    public void Phones_may_have_spaces_dashes_and_a_leading_plus(string phone)
    {
        Assert.Empty(ClientRules.Validate(Valid with { Phone = phone }, Today));
    }

    [Fact]
    public void Born_today_is_allowed_and_every_language_of_the_seeds_too()
    {
        Assert.Empty(ClientRules.Validate(Valid with { BirthDate = Today }, Today));
        foreach (var language in new[] { "en", "pl", "es", "fr", "lt" })
        {
            Assert.Empty(ClientRules.Validate(Valid with { Language = language }, Today));
        }
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = ClientRules.Validate(new ClientProfile("", "", "x", "abc", null, Today.AddDays(1), null, "xx"), Today);

        Assert.Equal(["firstName", "lastName", "email", "phone", "birthDate", "language"], errors.Select(e => e.Field));
    }
}
