using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Faults;

/// <summary>
/// One simulated front desk: books, moves, cancels and restores its own appointments, one operation at a time, retrying
/// each until it gets a real answer. Only this client touches its appointments, so what it was last acknowledged is what
/// they must hold. Every attempt of an operation carries the operation's Idempotency-Key and the same body, so a retry
/// after an attempt that landed gets that attempt's answer. Only when the server could not keep that answer (it
/// answered an attempt with a server error) does a retry run again, and the appointment should then recognise the
/// attempt that landed. Should a cancel or restore answer <c>invalid_transition</c> instead, the client reads the
/// appointment and takes "already so" as done (<see cref="Operation.FoundDone"/>), which
/// <see cref="Invariants.RetriesAnsweredOtherwise"/> counts as a retry not answered as its first attempt was.
/// </summary>
public sealed class LoadClient(int number, FaultTenant tenant, FaultSettings settings, HttpClient http, OperationLog log)
{
    private readonly Random random = new(number);
    private readonly List<Appointment> own = [];

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await NextAsync();
            await Task.Delay(random.Next(20, 120), CancellationToken.None); // think time, so the load leaves room for the probe
        }
    }

    private Task NextAsync()
    {
        if (own.Count == 0 || random.NextDouble() < 0.3) return BookAsync();
        var appointment = own[random.Next(own.Count)];
        if (appointment.Status == AppointmentStatus.Cancelled) return ActAsync(appointment, OperationKind.Restore, "restore", new { });
        return random.NextDouble() < 0.6
            ? ActAsync(appointment, OperationKind.Move, "reschedule", new { start = RandomSlot(), resourceIds = new[] { RandomResource() } })
            : ActAsync(appointment, OperationKind.Cancel, "cancel", new { });
    }

    private async Task BookAsync()
    {
        var marker = $"{Invariants.MarkerPrefix}{Guid.NewGuid():N}";
        var body = tenant.Booking(RandomResource(), RandomSlot(), marker);
        var started = DateTimeOffset.UtcNow;
        var sequence = log.NextSequence();
        var tried = await Requests.RetryAsync(
            () => Requests.SendAsync(http, HttpMethod.Post, "/api/appointments", body, idempotencyKey: marker), settings.RetryFor);
        var answer = tried.Answer;
        var result = answer.Success ? Appointment.FromView(answer.Body) : null;
        if (result is not null) own.Add(result);
        log.Add(new Operation(
            sequence, number, OperationKind.Book, result?.Id, marker, Classify(answer), tried.Attempts, answer.ToString(), result, started, DateTimeOffset.UtcNow,
            answer.Replayed, tried.EarlierServerError));
    }

    private async Task ActAsync(Appointment appointment, OperationKind kind, string action, object body)
    {
        var started = DateTimeOffset.UtcNow;
        var sequence = log.NextSequence();
        var url = $"/api/appointments/{appointment.Id}/{action}";
        var key = Requests.NewKey();
        var tried = await Requests.RetryAsync(() => Requests.SendAsync(http, HttpMethod.Post, url, body, key), settings.RetryFor);
        var answer = tried.Answer;
        var outcome = Classify(answer);
        var result = answer.Success ? Appointment.FromView(answer.Body) : null;
        var foundDone = false;
        if (tried.Attempts > 1 && answer.Code == "invalid_transition" && await ReadAsync(appointment.Id) is { } read && read.Status == Operation.Leaves(kind))
        {
            (outcome, result, foundDone) = (Outcome.Acknowledged, read, true); // an earlier attempt landed
        }

        own.Remove(appointment);
        if (result is not null) own.Add(result);
        else if (outcome == Outcome.Rejected) own.Add(appointment);
        // Refused or abandoned: what it holds now is unknown, so this client leaves it alone from here on.
        log.Add(new Operation(
            sequence, number, kind, appointment.Id, null, outcome, tried.Attempts, answer.ToString(), result, started, DateTimeOffset.UtcNow,
            answer.Replayed, tried.EarlierServerError, foundDone));
    }

    private async Task<Appointment?> ReadAsync(Guid id)
    {
        var answer = (await Requests.RetryAsync(() => Requests.SendAsync(http, HttpMethod.Get, $"/api/appointments/{id}"), settings.RetryFor)).Answer;
        return answer.Success ? Appointment.FromView(answer.Body) : null;
    }

    private static Outcome Classify(Answer answer) => answer switch
    {
        { Success: true } => Outcome.Acknowledged,
        { Code: "slot_taken" } => Outcome.Rejected,
        { Transient: true } => Outcome.Abandoned,
        _ => Outcome.Refused,
    };

    private DateTimeOffset RandomSlot() => FaultTenant.Slot(random.Next(settings.BookingDays), random.Next(FaultTenant.SlotsPerDay));

    private Guid RandomResource() => tenant.ResourceIds[random.Next(tenant.ResourceIds.Length)];
}
