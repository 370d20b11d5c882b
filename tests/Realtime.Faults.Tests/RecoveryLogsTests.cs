using Realtime.Faults;

namespace Realtime.Faults.Tests;

public sealed class RecoveryLogsTests
{
    [Fact]
    public void The_wakes_logged_by_every_server_are_added_up()
    {
        string[] lines =
        [
            "12:01:02.345 info: Realtime.Silo.Storage.PendingOutboxes[1]",
            "      Woke 3 appointments whose stored outbox, 1 waitlists whose stored inbox and 2 clients whose last change still held work.",
            "12:01:09.001 warn: Orleans.Runtime.MembershipService[100613]",
            "      Woke 12 appointments whose stored outbox, 0 waitlists whose stored inbox and 0 clients whose last change still held work.",
            "      Woke some appointments",
        ];

        Assert.Equal(15, RecoveryLogs.OutboxesWoken(lines));
        Assert.Equal(0, RecoveryLogs.OutboxesWoken([]));
    }
}
