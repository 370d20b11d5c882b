using System.Threading.RateLimiting;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Realtime.Api.Auth;
using Realtime.Api.Hosting;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Silo.Security;
using static Realtime.Api.Tests.ClientAuth.ClientSignIn;

namespace Realtime.Api.Tests.ClientAuth;

/// <summary>Link and session tokens refused for every reason, single use under contention, two nodes, rate limits.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientLinkTokenTests(ApiFixture fixture)
{
    private IServiceProvider Services => fixture.Factory.Services;

    private async Task<(Tenant Tenant, Guid ClientId)> NewClient()
    {
        var tenant = await fixture.NewTenant();
        return (tenant, await tenant.Client());
    }

    private string SignInToken(Guid organizationId, Guid clientId) =>
        TokenIn(Services.GetRequiredService<ClientLinks>().SignIn(organizationId, clientId).Url, "client/sign-in");

    [Fact]
    public async Task A_token_that_is_not_an_intact_link_of_this_key_ring_is_invalid()
    {
        var (tenant, client) = await NewClient();
        var token = SignInToken(tenant.OrganizationId, client);
        var grant = new ClientLinkGrant(Guid.NewGuid(), tenant.OrganizationId, client, null, DateTimeOffset.UtcNow.AddMinutes(30));
        var middle = token.Length / 2;
        var refused = new[]
        {
            token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..],
            token[..^4],
            "not-a-token",
            new DataProtectionClientLinkTokens(new EphemeralDataProtectionProvider()).Protect(grant),
            Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), tenant.OrganizationId, client, null)).Token,
        };
        using var anonymous = fixture.Client();

        foreach (var candidate in refused)
        {
            await ProblemAssert.Is(await OpenSession(anonymous, candidate), HttpStatusCode.BadRequest, "link_invalid");
        }

        Assert.Equal(client, (await Session(anonymous, token)).GetProperty("clientId").GetGuid());
    }

    [Fact]
    public async Task An_expired_link_is_refused_as_expired_even_unused()
    {
        var (tenant, client) = await NewClient();
        var tokens = Services.GetRequiredService<IClientLinkTokens>();
        var expired = tokens.Protect(new ClientLinkGrant(Guid.NewGuid(), tenant.OrganizationId, client, null, DateTimeOffset.UtcNow.AddSeconds(-1)));
        using var anonymous = fixture.Client();

        await ProblemAssert.Is(await OpenSession(anonymous, expired), HttpStatusCode.Gone, "link_expired");
    }

    [Fact]
    public async Task A_link_redeemed_by_ten_requests_at_once_opens_exactly_one_session()
    {
        var (tenant, client) = await NewClient();
        var token = SignInToken(tenant.OrganizationId, client);
        using var anonymous = fixture.Client();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => OpenSession(anonymous, token)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await ProblemAssert.Is(refused, HttpStatusCode.Gone, "link_used");
        }
    }

    [Fact]
    public async Task A_manage_link_of_an_appointment_given_to_another_client_is_invalid()
    {
        var (tenant, client) = await NewClient();
        var other = await tenant.Client("Ola");
        var tokens = Services.GetRequiredService<IClientLinkTokens>();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(2, 10), clientId: other), HttpStatusCode.Created);
        var appointment = Id(booked);
        var end = booked.GetProperty("start").GetDateTimeOffset().AddHours(1);
        using var anonymous = fixture.Client();

        await ProblemAssert.Is(
            await OpenSession(anonymous, tokens.Protect(new ClientLinkGrant(Guid.NewGuid(), tenant.OrganizationId, client, appointment, end))),
            HttpStatusCode.BadRequest, "link_invalid");
        var session = await Session(anonymous, tokens.Protect(new ClientLinkGrant(Guid.NewGuid(), tenant.OrganizationId, other, appointment, end)));
        Assert.Equal(appointment, session.GetProperty("appointmentId").GetGuid());
    }

    [Fact]
    public async Task Client_routes_refuse_a_missing_altered_expired_or_staff_credential_with_401()
    {
        var (tenant, client) = await NewClient();
        var sessions = Services.GetRequiredService<ClientSessions>();
        var caller = new ClientCaller(Guid.NewGuid(), tenant.OrganizationId, client, null);
        var (valid, _) = sessions.Issue(caller);
        var (expired, _) = sessions.Issue(caller, TimeSpan.FromSeconds(-1));
        using var anonymous = fixture.Client();

        Assert.Equal(HttpStatusCode.OK, (await Me(anonymous, valid)).StatusCode);
        foreach (var refused in new[] { valid[..^3] + "AAA", expired, tenant.OwnerKey, SignInToken(tenant.OrganizationId, client) })
        {
            await ProblemAssert.Is(await Me(anonymous, refused), HttpStatusCode.Unauthorized, "unauthorized");
        }

        await ProblemAssert.Is(await anonymous.GetAsync("/api/client/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_link_made_on_one_node_opens_a_session_on_another_that_works_on_the_first()
    {
        var (tenant, client) = await NewClient();
        await using var nodeB = await fixture.StartNode();
        using var onA = fixture.Client();
        using var onB = nodeB.CreateClient();

        var session = await Session(onB, SignInToken(tenant.OrganizationId, client));

        Assert.Equal(HttpStatusCode.OK, (await Me(onA, session.GetProperty("sessionToken").GetString()!)).StatusCode);
        var (fromA, _) = Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), tenant.OrganizationId, client, null));
        Assert.Equal(HttpStatusCode.OK, (await Me(onB, fromA)).StatusCode);
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var keys = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        Assert.True((long)(await keys.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task Sign_in_requests_over_the_limit_answer_429_with_retry_after()
    {
        await using var node = await fixture.StartNode(new Dictionary<string, string>
        {
            ["Realtime:RateLimits:SignInPerEmail"] = "2",
            ["Realtime:RateLimits:SignInPerIp"] = "4",
        });
        using var http = node.CreateClient();
        var organizationId = Guid.NewGuid();
        var email = $"busy.{Guid.NewGuid():N}@example.com";

        Assert.Equal(HttpStatusCode.Accepted, (await RequestLink(http, organizationId, email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RequestLink(http, organizationId, email.ToUpperInvariant())).StatusCode);
        var perEmail = await RequestLink(http, organizationId, email);
        Assert.Equal(HttpStatusCode.Accepted, (await RequestLink(http, organizationId, "other." + email)).StatusCode);
        var perAddress = await OpenSession(http, "not-a-token");

        foreach (var refused in new[] { perEmail, perAddress })
        {
            await ProblemAssert.Is(refused, HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After"))), 1, 60);
        }
    }

    [Fact]
    public void The_client_booking_limit_counts_each_client_on_their_own()
    {
        var options = new RateLimitOptions { ClientBooking = 2 };
        HttpContext Request(Guid clientId) => new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(new ClientCaller(Guid.NewGuid(), Guid.NewGuid(), clientId, null).ToClaims(), "test")),
        };
        var ewa = Guid.NewGuid();
        var partition = RateLimits.ClientBookingPartition(Request(ewa), options);
        using var limiter = partition.Factory(partition.PartitionKey);

        Assert.Equal(partition.PartitionKey, RateLimits.ClientBookingPartition(Request(ewa), options).PartitionKey);
        Assert.NotEqual(partition.PartitionKey, RateLimits.ClientBookingPartition(Request(Guid.NewGuid()), options).PartitionKey);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        using var third = limiter.AttemptAcquire();
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter <= options.Window);
    }
}
