using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

/// <summary>Each appointment a client reads says what they may do with it now, and why not: the refusal the action would meet.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientAppointmentOptionsEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task What_a_visit_says_the_client_may_do_is_what_the_actions_answer()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var strict = await tenant.ServiceWith(new { cancelNoticeHours = 72, rescheduleNoticeHours = 72, maxReschedules = 1 });
        var ann = await tenant.Client("Ann");
        var soon = await tenant.BookedByStaff(location, resource, strict, ann, Local(1, 10));
        var later = await tenant.BookedByStaff(location, resource, strict, ann, Local(10, 10));
        await tenant.ClientLinks(ann, soon, later);
        using var session = api.ClientSession(tenant, ann);

        var listed = (await Send(session, HttpMethod.Get, "/api/client/appointments?when=upcoming", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(Id);
        Assert.True(listed[soon].GetProperty("mayConfirm").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed[soon].GetProperty("confirmRefusal").ValueKind);
        Assert.False(listed[soon].GetProperty("mayCancel").GetBoolean());
        Assert.Equal(("policy_cancel_notice", 72), Refusal(listed[soon], "cancelRefusal", "noticeHours"));
        Assert.False(listed[soon].GetProperty("mayReschedule").GetBoolean());
        Assert.Equal(("policy_reschedule_notice", 72), Refusal(listed[soon], "rescheduleRefusal", "noticeHours"));
        await ProblemAssert.Is(await session.PostAsJsonAsync($"/api/client/appointments/{soon}/cancel", new { }, ApiFixture.Json),
            HttpStatusCode.UnprocessableEntity, "policy_cancel_notice");
        await ProblemAssert.Is(await session.PostAsJsonAsync($"/api/client/appointments/{soon}/reschedule", new { start = Local(1, 12) }, ApiFixture.Json),
            HttpStatusCode.UnprocessableEntity, "policy_reschedule_notice");

        Assert.True(listed[later].GetProperty("mayCancel").GetBoolean() && listed[later].GetProperty("mayReschedule").GetBoolean());
        // The action's answer says what is left: the one move the policy allows is used.
        var moved = await Send(session, HttpMethod.Post, $"/api/client/appointments/{later}/reschedule", new { start = Local(10, 12) }, HttpStatusCode.OK);
        Assert.False(moved.GetProperty("mayReschedule").GetBoolean());
        Assert.Equal(("policy_max_reschedules", 1), Refusal(moved, "rescheduleRefusal", "maxReschedules"));
        await ProblemAssert.Is(await session.PostAsJsonAsync($"/api/client/appointments/{later}/reschedule", new { start = Local(10, 14) }, ApiFixture.Json),
            HttpStatusCode.UnprocessableEntity, "policy_max_reschedules");
        var confirmed = await Send(session, HttpMethod.Post, $"/api/client/appointments/{later}/confirm", null, HttpStatusCode.OK);
        Assert.True(confirmed.GetProperty("mayCancel").GetBoolean());
    }

    [Fact]
    public async Task A_blacklisted_client_is_told_they_may_cancel_but_not_move()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var ann = await tenant.Client("Ann");
        var visit = await tenant.BookedByStaff(location, resource, await tenant.ServiceWith(), ann, Local(10, 10));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{ann}/blacklist", new { reason = "Rude" }, HttpStatusCode.OK);
        await tenant.ClientLinks(ann, visit);

        var seen = await Send(api.ClientSession(tenant, ann), HttpMethod.Get, $"/api/client/appointments/{visit}", null, HttpStatusCode.OK);

        Assert.True(seen.GetProperty("mayCancel").GetBoolean());
        Assert.False(seen.GetProperty("mayReschedule").GetBoolean());
        Assert.Equal("client_blacklisted", seen.GetProperty("rescheduleRefusal").GetProperty("code").GetString());
    }

    [Fact]
    public async Task In_a_class_others_hold_a_seat_holder_may_give_up_their_seat_but_not_move_the_class_and_a_class_they_left_is_closed()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 4, name: "Yoga");
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var yogaClass = await tenant.BookedByStaff(location, resource, yoga, bea, Local(10, 10));
        using var session = api.ClientSession(tenant, ann);

        var joined = await Send(session, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);
        Assert.True(joined.GetProperty("mayCancel").GetBoolean());
        Assert.Equal("policy_group_reschedule", joined.GetProperty("rescheduleRefusal").GetProperty("code").GetString());

        var left = await Send(session, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/cancel", new { }, HttpStatusCode.OK);
        Assert.Equal("cancelled", left.GetProperty("status").GetString());
        Assert.False(left.GetProperty("mayConfirm").GetBoolean() || left.GetProperty("mayCancel").GetBoolean() || left.GetProperty("mayReschedule").GetBoolean());
        Assert.Equal("invalid_transition", left.GetProperty("cancelRefusal").GetProperty("code").GetString());
    }

    private static (string? Code, int Number) Refusal(JsonElement appointment, string refusal, string number) =>
        (appointment.GetProperty(refusal).GetProperty("code").GetString(), appointment.GetProperty(refusal).GetProperty(number).GetInt32());
}
