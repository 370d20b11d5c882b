using System.Globalization;
using System.Text;
using System.Text.Json;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Domain.Tests.Notifications;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(MaxAttempts: 5, InitialDelay: TimeSpan.FromSeconds(10), MaxDelay: TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(30, 60)]
    public void The_delay_doubles_up_to_the_maximum(int attemptsMade, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.BaseDelay(attemptsMade));

    [Theory]
    [InlineData(0.0, 16)]
    [InlineData(0.5, 20)]
    [InlineData(0.999999, 24)]
    public void Jitter_spreads_the_delay_by_a_fifth_either_way(double random, int seconds) =>
        Assert.Equal(Now + TimeSpan.FromSeconds(seconds), Policy.NextAttempt(2, Now, random)!.Value, TimeSpan.FromMilliseconds(1));

    [Fact]
    public void After_the_last_attempt_the_message_is_dead()
    {
        Assert.NotNull(Policy.NextAttempt(4, Now, 0.5));
        Assert.Null(Policy.NextAttempt(5, Now, 0.5));
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        Assert.Empty(RetryPolicy.Default.Validate());
        Assert.NotEmpty((Policy with { MaxAttempts = 0 }).Validate());
        Assert.NotEmpty((Policy with { MaxDelay = TimeSpan.FromSeconds(1) }).Validate());
    }
}

public class WebhookRulesTests
{
    private static readonly WebhookEvent[] Booked = [WebhookEvent.Booked];

    [Theory]
    [InlineData("https://example.com/hooks", true, true)]
    [InlineData("https://example.com:8443/hooks?x=1", true, true)]
    [InlineData("https://93.184.215.14/hooks", true, true)]
    [InlineData("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks", true, true)]
    [InlineData("http://localhost:5000/hooks", false, true)]
    [InlineData("http://127.0.0.1:5000/hooks", false, true)]
    [InlineData("http://[::1]:5000/hooks", false, true)]
    [InlineData("https://localhost/hooks", false, true)]
    [InlineData("https://api.localhost/hooks", false, true)]
    [InlineData("https://10.0.0.5/hooks", false, true)]
    [InlineData("https://172.20.1.1/hooks", false, true)]
    [InlineData("https://192.168.1.10/hooks", false, true)]
    [InlineData("https://169.254.169.254/latest/meta-data", false, true)] // a cloud's metadata service
    [InlineData("https://100.64.0.1/hooks", false, true)]
    [InlineData("https://0.0.0.0/hooks", false, true)]
    [InlineData("https://[fd00::1]/hooks", false, true)]
    [InlineData("https://[fe80::1]/hooks", false, true)]
    [InlineData("https://[::ffff:10.0.0.5]/hooks", false, true)]
    [InlineData("http://example.com/hooks", false, false)]
    [InlineData("http://10.0.0.5/hooks", false, false)]
    [InlineData("http://127.0.0.2/hooks", false, false)]
    public void Public_https_urls_are_accepted_and_private_networks_only_where_allowed(string url, bool acceptedByDefault, bool acceptedWherePrivateAllowed)
    {
        Assert.Equal(acceptedByDefault, WebhookRules.Validate(url, Booked, allowPrivateNetworks: false).Length == 0);
        Assert.Equal(acceptedWherePrivateAllowed, WebhookRules.Validate(url, Booked, allowPrivateNetworks: true).Length == 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("example.com/hooks")]
    [InlineData("/hooks")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@example.com/hooks")]
    [InlineData("https://example.com/hooks#part")]
    public void Refused_urls(string? url)
    {
        Assert.Contains(WebhookRules.Validate(url, Booked, allowPrivateNetworks: false), e => e.Field == "url");
        Assert.Contains(WebhookRules.Validate(url, Booked, allowPrivateNetworks: true), e => e.Field == "url");
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.15.0.1", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.63.0.1", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Only_public_unicast_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookAddresses.IsPublic(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Events_are_required_known_and_listed_once()
    {
        Assert.Contains(WebhookRules.Validate("https://example.com", [], false), e => e.Field == "events");
        Assert.Contains(WebhookRules.Validate("https://example.com", null, false), e => e.Field == "events");
        Assert.Contains(WebhookRules.Validate("https://example.com", [WebhookEvent.Booked, WebhookEvent.Booked], false), e => e.Field == "events");
        Assert.Contains(WebhookRules.Validate("https://example.com", [(WebhookEvent)42], false), e => e.Field == "events");
    }

    [Theory]
    [InlineData("noShow", WebhookEvent.NoShow)]
    [InlineData("NOSHOW", WebhookEvent.NoShow)]
    [InlineData("booked", WebhookEvent.Booked)]
    public void Event_names(string name, WebhookEvent expected)
    {
        Assert.True(NotificationNames.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.Equal($"webhook:{NotificationNames.Of(expected)}", NotificationNames.WebhookKind(expected));
    }

    [Fact]
    public void Unknown_event_names_are_not_events()
    {
        Assert.False(NotificationNames.TryParse("no-show", out _));
        Assert.False(NotificationNames.TryParse("4", out _));
    }
}

public class WebhookSignatureTests
{
    [Fact]
    public void The_signature_is_the_hmac_sha256_of_the_timestamp_a_dot_and_the_raw_body_in_hex()
    {
        // HMAC-SHA256("key", "1700000000.The quick brown fox jumps over the lazy dog"), as Python's hmac module computes it.
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal("sha256=2f658d6aef4f246e91cd741bbcded7479e9605f9d41c9e248122a117e0e1765b", WebhookSignature.Sign("key", "1700000000", body));
    }

    [Fact]
    public void Verification_needs_the_same_secret_and_the_same_bytes()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1","event":"booked"}""");
        var signature = WebhookSignature.Sign("whsec_a", "1700000000", body);

        Assert.True(WebhookSignature.Verify("whsec_a", "1700000000", body, signature));
        Assert.False(WebhookSignature.Verify("whsec_b", "1700000000", body, signature));
        Assert.False(WebhookSignature.Verify("whsec_a", "1700000000", Encoding.UTF8.GetBytes("""{"id":"1","event":"cancelled"}"""), signature));
        Assert.False(WebhookSignature.Verify("whsec_a", "1700000999", body, signature)); // a replay with a fresh timestamp
        Assert.False(WebhookSignature.Verify("whsec_a", null, body, signature));
        Assert.False(WebhookSignature.Verify("whsec_a", "1700000000", body, null));
    }

    [Fact]
    public void Secrets_are_new_every_time() => Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
}

public class WebhookPayloadTests
{
    [Fact]
    public void The_body_names_the_delivery_the_event_its_version_and_time_and_the_appointment_without_history()
    {
        var booked = DateTimeOffset.Parse("2026-03-29T00:30:00Z");
        var confirmed = DateTimeOffset.Parse("2026-03-29T01:00:00Z");
        var view = new AppointmentView(
            Guid.NewGuid(), 2, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.NoShow, [Guid.NewGuid()], [], null,
            DateTimeOffset.Parse("2026-03-29T08:30:00Z"), 60, 0, 0, true, 80m, [], [], null, false, false, "phone", false, 0, null,
            [new HistoryEntry(1, booked, Actor.Scheduler, "booked", null), new HistoryEntry(2, confirmed, Actor.Scheduler, "confirmed", null)],
            booked, confirmed, [], 1);
        var id = Guid.NewGuid();

        using var json = JsonDocument.Parse(WebhookPayload.Create(id, WebhookEvent.Confirmed, 2, view));
        var root = json.RootElement;

        Assert.Equal(id, root.GetProperty("id").GetGuid());
        Assert.Equal("confirmed", root.GetProperty("event").GetString());
        Assert.Equal(2, root.GetProperty("version").GetInt64());
        Assert.Equal(confirmed, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(view.Id, root.GetProperty("appointment").GetProperty("id").GetGuid());
        Assert.Equal("noShow", root.GetProperty("appointment").GetProperty("status").GetString());
        Assert.False(root.GetProperty("appointment").TryGetProperty("history", out _));
    }
}

public class BirthdayRulesTests
{
    [Theory]
    [InlineData("2026-03-29T08:59", false)]
    [InlineData("2026-03-29T09:00", true)]
    [InlineData("2026-03-29T23:59", true)]
    [InlineData("2026-03-30T09:30", false)]
    public void A_greeting_is_due_on_the_birthday_from_the_greeting_time(string localNow, bool due) =>
        Assert.Equal(due, BirthdayRules.IsDue(
            new DateOnly(1990, 3, 29), DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(9, 0)));

    [Theory]
    [InlineData("1990-03-29", "2026-03-29", true)]
    [InlineData("1990-03-29", "2026-03-28", false)]
    [InlineData("2000-02-29", "2026-02-28", true)]
    [InlineData("2000-02-29", "2028-02-28", false)]
    [InlineData("2000-02-29", "2028-02-29", true)]
    [InlineData("2027-03-29", "2026-03-29", false)]
    public void Whose_birthday_it_is(string birthDate, string date, bool expected) =>
        Assert.Equal(expected, BirthdayRules.IsBirthday(DateOnly.Parse(birthDate), DateOnly.Parse(date)));

    [Fact]
    public void The_28th_of_February_of_a_common_year_also_greets_the_29th()
    {
        Assert.Equal([(2, 28), (2, 29)], BirthdayRules.BirthDaysOn(new DateOnly(2026, 2, 28)));
        Assert.Equal([(2, 28)], BirthdayRules.BirthDaysOn(new DateOnly(2028, 2, 28)));
    }

    private static readonly Guid Warsaw = Guid.NewGuid();
    private static readonly Guid Santiago = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2031, 6, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_client_s_own_location_is_that_of_their_next_visit_however_many_were_elsewhere_before() =>
        Assert.Equal(Santiago, BirthdayRules.OwnLocation(
            [(Warsaw, Now.AddDays(-1)), (Warsaw, Now.AddDays(30)), (Santiago, Now.AddDays(2)), (Warsaw, Now.AddDays(-300))], Now));

    [Fact]
    public void Without_a_visit_ahead_it_is_that_of_their_latest_and_never_booked_they_have_none()
    {
        Assert.Equal(Santiago, BirthdayRules.OwnLocation([(Warsaw, Now.AddDays(-30)), (Santiago, Now.AddHours(-1)), (Warsaw, Now.AddDays(-2))], Now));
        Assert.Equal(Warsaw, BirthdayRules.OwnLocation([(Santiago, Now.AddDays(-30)), (Warsaw, Now)], Now));
        Assert.Null(BirthdayRules.OwnLocation([], Now));
    }

    /// <summary>America/Santiago in 2031: UTC−3 until 6 April 03:00 UTC, then UTC−4 until 7 September 04:00 UTC (its midnight is skipped).</summary>
    [Theory]
    [InlineData("1990-04-05", "2031-04-05T11:59Z", false)]
    [InlineData("1990-04-05", "2031-04-05T12:00Z", true)]
    [InlineData("1990-04-06", "2031-04-06T12:00Z", false)]
    [InlineData("1990-04-06", "2031-04-06T13:00Z", true)]
    [InlineData("1990-09-06", "2031-09-06T12:59Z", false)]
    [InlineData("1990-09-06", "2031-09-06T13:00Z", true)]
    [InlineData("1990-09-07", "2031-09-07T11:59Z", false)]
    [InlineData("1990-09-07", "2031-09-07T12:00Z", true)]
    public void The_greeting_is_due_from_nine_on_the_client_s_clock_on_either_side_of_a_change_of_the_clocks(string birthDate, string at, bool due) =>
        Assert.Equal(due, BirthdayRules.IsDue(
            DateOnly.Parse(birthDate, CultureInfo.InvariantCulture),
            TimeZones.WallClock(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), "America/Santiago"),
            new TimeOnly(9, 0)));

    [Theory]
    [InlineData("2031-09-07T03:59Z", false)]
    [InlineData("2031-09-07T04:00Z", true)]
    public void A_greeting_time_the_clocks_skip_is_reached_when_they_jump_past_it(string at, bool due) =>
        Assert.Equal(due, BirthdayRules.IsDue(
            new DateOnly(1990, 9, 7), TimeZones.WallClock(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), "America/Santiago"), TimeOnly.MinValue));
}

public class NotificationSettingsRulesTests
{
    [Theory]
    [InlineData("desk@example.com", "pl", true)]
    [InlineData(null, "en", true)]
    [InlineData("", "en", true)]
    [InlineData("not an address", "en", false)]
    [InlineData("desk@example.com", "de", false)]
    public void Staff_address_and_language(string? email, string language, bool valid) =>
        Assert.Equal(valid, NotificationSettingsRules.Validate(new NotificationSettings(email, language)).Length == 0);

    [Fact]
    public void Settings_are_trimmed() =>
        Assert.Equal(new NotificationSettings("desk@example.com", "lt"), NotificationSettingsRules.Normalize(new NotificationSettings(" desk@example.com ", "LT")));
}
