using Npgsql;
using Realtime.Silo.Database;

namespace Realtime.Silo.Tests.Database;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_plain_connection_string_gets_no_reset_on_close_and_automatic_preparation_and_keeps_the_rest()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned("Host=db;Port=5433;Username=realtime;Database=realtime;Maximum Pool Size=40"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnectionString.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(("db", 5433, "realtime", "realtime", 40), (tuned.Host, tuned.Port, tuned.Username, tuned.Database, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    public void Settings_the_operator_gave_are_kept(string configured)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned(configured));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
