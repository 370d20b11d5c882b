using System.Diagnostics;
using Npgsql;
using Quartz;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Silo.Scheduling;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>The silo's own scheduler runs the birthday greetings job on its cron, which queues the day's greetings.</summary>
public sealed class BirthdayGreetingsJobTests(BirthdaySiloFixture silo) : IClassFixture<BirthdaySiloFixture>
{
    [Fact]
    public async Task The_scheduled_job_queues_todays_greetings_once_per_client_and_channel()
    {
        var organizationId = Guid.NewGuid();
        FrontDesk.Ok(await silo.Grains.GetGrain<IOrganizationGrain>(organizationId).Create("Chain"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var birthdayToday = await Client(organizationId, "Ewa", today.AddYears(-30));
        await Client(organizationId, "Tom", today.AddYears(-30).AddDays(1));

        var clock = Stopwatch.StartNew();
        long greetings;
        do
        {
            await Task.Delay(200);
            greetings = await Count("SELECT count(*) FROM notifications WHERE kind = 'birthday' AND organization_id = @org", organizationId);
        } while (greetings == 0 && clock.Elapsed < TimeSpan.FromSeconds(20));

        // The job keeps firing every second: later firings of the same day add nothing.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, await Count("SELECT count(*) FROM notifications WHERE kind = 'birthday' AND organization_id = @org", organizationId));
        Assert.Equal(1, await Count(
            "SELECT count(*) FROM notifications WHERE kind = 'birthday' AND organization_id = @org AND client_id = @client AND channel = 'email'",
            organizationId, birthdayToday));
    }

    [Fact]
    public async Task The_daily_job_is_stored_once_with_its_cron_in_utc()
    {
        var trigger = await silo.Scheduler.GetTrigger(BirthdayGreetingsJob.TriggerKey);

        var cron = Assert.IsAssignableFrom<ICronTrigger>(trigger);
        Assert.Equal("* * * * * ?", cron.CronExpressionString);
        Assert.Equal(TimeZoneInfo.Utc.Id, cron.TimeZone.Id);
        Assert.Equal(BirthdayGreetingsJob.Key, cron.JobKey);
        Assert.True((await silo.Scheduler.GetJobDetail(BirthdayGreetingsJob.Key))!.Durable);
    }

    private async Task<Guid> Client(Guid organizationId, string firstName, DateOnly birthDate)
    {
        var id = Guid.NewGuid();
        FrontDesk.Ok(await silo.Grains.GetGrain<IClientGrain>(id).Create(organizationId, new ClientProfile(
            firstName, "Nowak", $"{firstName.ToLowerInvariant()}.{id:N}@example.com", null, null, birthDate, null, "pl")));
        return id;
    }

    private async Task<long> Count(string sql, Guid organizationId, Guid? clientId = null)
    {
        await using var connection = new NpgsqlConnection(silo.Database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("org", organizationId);
        if (clientId is { } client) command.Parameters.AddWithValue("client", client);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
