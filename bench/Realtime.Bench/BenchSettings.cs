namespace Realtime.Bench;

/// <summary>How much work each scenario does: the full run for BENCHMARKS.md, or the quick one that proves the harness works.</summary>
public sealed record BenchSettings(
    bool Quick,
    TimeSpan WarmUpLoad,
    int Clients,
    TimeSpan WarmUp,
    TimeSpan Window,
    int UniformResources,
    int UniformDays,
    int UniformRounds,
    int ContentionClients,
    int AvailabilityResources,
    int AvailabilityDays,
    int AvailabilityEarlierBookings,
    int WalBookings,
    int WalEarlierBookings,
    int FanOutConnections,
    int FanOutLocations,
    int FanOutBookingsPerSecond,
    int MemoryAppointments,
    int MemorySteps,
    int MemorySettlingSteps)
{
    public static readonly BenchSettings Full = new(
        Quick: false, WarmUpLoad: TimeSpan.FromSeconds(30), Clients: 16, WarmUp: TimeSpan.FromSeconds(5), Window: TimeSpan.FromSeconds(20),
        UniformResources: 200, UniformDays: 90, UniformRounds: 4, ContentionClients: 64,
        AvailabilityResources: 20, AvailabilityDays: 7, AvailabilityEarlierBookings: 1000,
        WalBookings: 200, WalEarlierBookings: 5000,
        FanOutConnections: 500, FanOutLocations: 50, FanOutBookingsPerSecond: 200,
        MemoryAppointments: 10_000, MemorySteps: 4, MemorySettlingSteps: 1);

    public static readonly BenchSettings QuickRun = Full with
    {
        Quick = true, WarmUpLoad = TimeSpan.FromSeconds(2), Clients = 8, WarmUp = TimeSpan.FromSeconds(1), Window = TimeSpan.FromSeconds(3),
        UniformResources = 20, UniformRounds = 1, AvailabilityEarlierBookings = 100, WalBookings = 20, WalEarlierBookings = 100,
        FanOutConnections = 50, FanOutLocations = 5, FanOutBookingsPerSecond = 20,
        MemoryAppointments = 300, MemorySteps = 1, MemorySettlingSteps = 0,
    };
}
