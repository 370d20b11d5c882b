using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Realtime.Api.Auth;
using Realtime.Api.Tests.Notifications;
using static Realtime.Api.Tests.ClientAuth.ClientSignIn;

namespace Realtime.Api.Tests.ClientAuth;

/// <summary>Sign-in and manage links as the client receives them: by e-mail, from a real SMTP server.</summary>
[Collection(NotificationApiCollection.Name)]
public sealed class ClientSignInEmailTests(NotificationApiFixture api)
{
    [Fact]
    public async Task Every_link_request_answers_202_alike_and_only_a_clients_address_gets_a_link()
    {
        var salon = await api.NewSalon("Salon Aurora");
        var (client, email) = await salon.Client("en");
        var (deleted, deletedEmail) = await salon.Client("en", firstName: "Ola");
        await WaitUntilListed(salon.Owner, email);
        await WaitUntilListed(salon.Owner, deletedEmail);
        await Send(salon.Owner, HttpMethod.Delete, $"/api/clients/{deleted}", null, HttpStatusCode.NoContent);
        await WaitUntilListed(salon.Owner, deletedEmail, listed: false);
        using var anonymous = api.Client();

        var answers = new List<string>();
        foreach (var (organizationId, address) in new[]
        {
            (salon.OrganizationId, $"  {email.ToUpperInvariant()} "),
            (salon.OrganizationId, $"nobody.{Guid.NewGuid():N}@example.com"),
            (Guid.NewGuid(), email),
            (salon.OrganizationId, deletedEmail),
        })
        {
            using var response = await RequestLink(anonymous, organizationId, address);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(answers.Distinct());
        var received = Assert.Single(await api.Smtp.WaitFor(email));
        Assert.Equal("Your sign-in link: Salon Aurora", received.Subject);
        Assert.StartsWith("http://localhost:5080/client/sign-in?token=", received.TextBody!.Split('\n').Single(l => l.Contains("/client/sign-in?")).Trim());
        Assert.DoesNotContain(api.Smtp.Messages(), m => m.To.Mailboxes.Any(to => to.Address == deletedEmail));
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT client_id FROM notifications WHERE organization_id = $1 AND kind = 'sign_in_link'", connection)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = salon.OrganizationId } },
        };
        Assert.Equal(client, Assert.Single(await Read(count)));
    }

    [Fact]
    public async Task The_link_from_the_email_opens_a_session_once()
    {
        var salon = await api.NewSalon();
        var (client, email) = await salon.Client("pl");
        await WaitUntilListed(salon.Owner, email);
        using var anonymous = api.Client();
        (await RequestLink(anonymous, salon.OrganizationId, email)).Dispose();
        var received = Assert.Single(await api.Smtp.WaitFor(email));
        Assert.Equal("Link do logowania: Salon Aurora", received.Subject);
        var token = TokenIn(received.TextBody!, "client/sign-in");

        var session = await Session(anonymous, token);

        Assert.Equal(client, session.GetProperty("clientId").GetGuid());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("appointmentId").ValueKind);
        Assert.InRange(session.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(11), DateTimeOffset.UtcNow.AddHours(12));
        using var me = await Me(anonymous, session.GetProperty("sessionToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json);
        Assert.Equal((client, email), (profile.GetProperty("id").GetGuid(), profile.GetProperty("email").GetString()));
        Assert.False(profile.TryGetProperty("note", out _));

        await ProblemAssert.Is(await OpenSession(anonymous, token), HttpStatusCode.Gone, "link_used");
    }

    [Fact]
    public async Task Clients_sharing_an_address_on_purpose_each_get_a_link_of_their_own_in_their_own_name()
    {
        var salon = await api.NewSalon();
        var (ewa, email) = await salon.Client("pl");
        var kasia = Id(await Send(salon.Owner, HttpMethod.Post, "/api/clients",
            new { firstName = "Kasia", lastName = "Nowak", email, language = "pl", allowDuplicate = true }, HttpStatusCode.Created));
        await Realtime.Testing.Eventually.True(async () => (await Send(salon.Owner, HttpMethod.Get, $"/api/clients?search={Uri.EscapeDataString(email)}", null,
            HttpStatusCode.OK)).GetProperty("total").GetInt32() == 2, "both clients are listed");
        using var anonymous = api.Client();

        (await RequestLink(anonymous, salon.OrganizationId, email)).Dispose();

        var received = await api.Smtp.WaitFor(email, count: 2);
        var sessions = new Dictionary<Guid, string>();
        foreach (var message in received)
        {
            var session = await Session(anonymous, TokenIn(message.TextBody!, "client/sign-in"));
            sessions[session.GetProperty("clientId").GetGuid()] = message.TextBody!;
        }
        Assert.Equal(new[] { ewa, kasia }.Order(), sessions.Keys.Order());
        Assert.Contains("Ten link jest dla: Ewa Nowak.", sessions[ewa]);
        Assert.Contains("Ten link jest dla: Kasia Nowak.", sessions[kasia]);
    }

    [Fact]
    public async Task The_booking_confirmation_carries_a_manage_link_whose_session_reaches_that_appointment_only()
    {
        var salon = await api.NewSalon();
        var (client, email) = await salon.Client("fr");
        var appointment = await salon.Book(client, Local(3, 10));
        var received = Assert.Single(await api.Smtp.WaitFor(email));
        Assert.Contains("Pour consulter, déplacer ou annuler ce rendez-vous en ligne :", received.TextBody);
        using var anonymous = api.Client();

        var session = await Session(anonymous, TokenIn(received.TextBody!, "client/manage"));

        Assert.Equal((client, appointment), (session.GetProperty("clientId").GetGuid(), session.GetProperty("appointmentId").GetGuid()));
        var caller = api.Factory.Services.GetRequiredService<ClientSessions>().Read(session.GetProperty("sessionToken").GetString()!);
        Assert.NotNull(caller);
        Assert.True(caller.Reaches(appointment));
        Assert.False(caller.Reaches(Guid.NewGuid()));
        using var me = await Me(anonymous, session.GetProperty("sessionToken").GetString()!);
        Assert.Equal(appointment, (await me.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json)).GetProperty("appointmentId").GetGuid());
    }

    [Fact]
    public async Task A_client_joining_a_class_gets_their_own_confirmation_and_manage_link_and_the_staff_are_told()
    {
        var salon = await api.NewSalon();
        await Send(salon.Owner, HttpMethod.Put, "/api/notifications/settings", new { staffEmail = "desk@aurora.test", staffLanguage = "en" }, HttpStatusCode.OK);
        var yoga = Id(await Send(salon.Owner, HttpMethod.Post, "/api/services", new { name = "Yoga", durationMinutes = 60, capacity = 4 }, HttpStatusCode.Created));
        var (ann, annEmail) = await salon.Client("en", firstName: "Ann");
        var (bea, beaEmail) = await salon.Client("pl", firstName: "Bea");
        var yogaClass = Id(await Send(salon.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = salon.LocationId, resourceIds = new[] { salon.StaffId }, serviceIds = new[] { yoga }, clientId = ann, start = Local(3, 18),
            overrideWorkingHours = true,
        }, HttpStatusCode.Created));
        using var beaSession = api.Client(api.Factory.Services.GetRequiredService<ClientSessions>()
            .Issue(new ClientCaller(Guid.NewGuid(), salon.OrganizationId, bea, null)).Token);

        await Send(beaSession, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);

        var confirmation = Assert.Single(await api.Smtp.WaitFor(beaEmail));
        using var anonymous = api.Client();
        var manage = await Session(anonymous, TokenIn(confirmation.TextBody!, "client/manage"));
        Assert.Equal((bea, yogaClass), (manage.GetProperty("clientId").GetGuid(), manage.GetProperty("appointmentId").GetGuid()));
        using var managed = api.Client(manage.GetProperty("sessionToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await managed.GetAsync($"/api/client/appointments/{yogaClass}")).StatusCode);
        var told = Assert.Single(await api.Smtp.WaitFor("desk@aurora.test"));
        Assert.Contains("Bea", told.TextBody);
        Assert.DoesNotContain(api.Smtp.Messages(), m => m.To.Mailboxes.Any(to => to.Address == annEmail));
    }

    [Fact]
    public async Task A_client_blacklisted_after_the_link_was_sent_may_still_sign_in_but_a_deleted_one_may_not()
    {
        var salon = await api.NewSalon();
        var (blacklisted, blacklistedEmail) = await salon.Client("es");
        var (deleted, deletedEmail) = await salon.Client("lt", firstName: "Rasa");
        await WaitUntilListed(salon.Owner, blacklistedEmail);
        await WaitUntilListed(salon.Owner, deletedEmail);
        using var anonymous = api.Client();
        (await RequestLink(anonymous, salon.OrganizationId, blacklistedEmail)).Dispose();
        (await RequestLink(anonymous, salon.OrganizationId, deletedEmail)).Dispose();
        var blacklistedLink = TokenIn(Assert.Single(await api.Smtp.WaitFor(blacklistedEmail)).TextBody!, "client/sign-in");
        var deletedLink = TokenIn(Assert.Single(await api.Smtp.WaitFor(deletedEmail)).TextBody!, "client/sign-in");

        await Send(salon.Owner, HttpMethod.Post, $"/api/clients/{blacklisted}/blacklist", new { reason = "no-shows" }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Delete, $"/api/clients/{deleted}", null, HttpStatusCode.NoContent);

        Assert.Equal(blacklisted, (await Session(anonymous, blacklistedLink)).GetProperty("clientId").GetGuid());
        await ProblemAssert.Is(await OpenSession(anonymous, deletedLink), HttpStatusCode.BadRequest, "link_invalid");
    }

    [Fact]
    public async Task Malformed_requests_are_400_with_the_failing_fields()
    {
        using var anonymous = api.Client();

        await ProblemAssert.Is(
            await anonymous.PostAsJsonAsync("/api/client/auth/link", new { }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "organizationId");
        await ProblemAssert.Is(
            await RequestLink(anonymous, Guid.NewGuid(), " "), HttpStatusCode.BadRequest, "validation_failed", "email");
        await ProblemAssert.Is(
            await anonymous.PostAsync("/api/client/auth/link", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "malformed_request");
        await ProblemAssert.Is(
            await anonymous.PostAsJsonAsync("/api/client/auth/session", new { }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "token");
    }

    private static async Task<List<Guid>> Read(NpgsqlCommand command)
    {
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
