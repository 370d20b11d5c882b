using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Silo.Scheduling;

namespace Realtime.Grains.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class StorageRetentionTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Idempotency_keys_past_their_retention_are_forgotten_and_younger_ones_kept()
    {
        var organization = IdempotencyKeys.OrganizationScope(Guid.NewGuid());
        var expired = IdempotencyKeys.GrainKey(organization, "expired");
        var young = IdempotencyKeys.GrainKey(organization, "young");
        await fixture.Grains.GetGrain<IIdempotencyGrain>(expired).Begin("first", Guid.NewGuid(), null);
        await fixture.Grains.GetGrain<IIdempotencyGrain>(young).Begin("second", Guid.NewGuid(), null);
        await Age(expired, IdempotencyKeys.Retention + TimeSpan.FromMinutes(1));
        await Age(young, IdempotencyKeys.Retention - TimeSpan.FromMinutes(1));
        var job = new StorageRetentionJob(fixture.DataSource, NullLogger<StorageRetentionJob>.Instance);

        Assert.Equal(1, await job.ForgetExpiredIdempotencyKeys());

        Assert.False(await IsStored(expired));
        Assert.True(await IsStored(young));
        Assert.Equal(0, await job.ForgetExpiredIdempotencyKeys());
    }

    [Fact]
    public async Task Used_client_links_are_forgotten_once_past_their_expiry_and_the_clock_margin()
    {
        var job = new StorageRetentionJob(fixture.DataSource, NullLogger<StorageRetentionJob>.Instance);
        await job.ForgetExpiredClientLinks();
        var now = DateTimeOffset.UtcNow;
        var expired = Guid.NewGuid();
        var withinMargin = Guid.NewGuid();
        var valid = Guid.NewGuid();
        Assert.True(await fixture.Grains.GetGrain<IClientLinkGrain>(expired).Redeem(now - StorageRetentionJob.ClockMargin - TimeSpan.FromMinutes(1)));
        Assert.True(await fixture.Grains.GetGrain<IClientLinkGrain>(withinMargin).Redeem(now - StorageRetentionJob.ClockMargin + TimeSpan.FromMinutes(5)));
        Assert.True(await fixture.Grains.GetGrain<IClientLinkGrain>(valid).Redeem(now.AddDays(30)));

        Assert.Equal(1, await job.ForgetExpiredClientLinks());

        Assert.Equal((false, true, true), (await IsLinkStored(expired), await IsLinkStored(withinMargin), await IsLinkStored(valid)));
        Assert.Equal(0, await job.ForgetExpiredClientLinks());
        Assert.False(await fixture.Grains.GetGrain<IClientLinkGrain>(valid).Redeem(now.AddDays(30)));
    }

    private async Task<bool> IsLinkStored(Guid link)
    {
        await using var command = fixture.DataSource.CreateCommand(
            $"SELECT count(*) FROM orleansstorage WHERE graintypestring = '{ClientLinkGrain.StateName}' AND grainidn0 = $1 AND grainidn1 = $2");
        var bytes = link.ToByteArray();
        command.Parameters.Add(new NpgsqlParameter { Value = BitConverter.ToInt64(bytes, 0) });
        command.Parameters.Add(new NpgsqlParameter { Value = BitConverter.ToInt64(bytes, 8) });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private async Task Age(string key, TimeSpan age)
    {
        await using var command = fixture.DataSource.CreateCommand(
            $"UPDATE orleansstorage SET modifiedon = now() - $1 WHERE graintypestring = '{IdempotencyGrain.StateName}' AND grainidextensionstring = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = age });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<bool> IsStored(string key)
    {
        await using var command = fixture.DataSource.CreateCommand(
            $"SELECT count(*) FROM orleansstorage WHERE graintypestring = '{IdempotencyGrain.StateName}' AND grainidextensionstring = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
