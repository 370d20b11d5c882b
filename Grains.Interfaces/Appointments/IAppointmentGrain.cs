namespace Realtime.Grains.Interfaces.Appointments;

/// <summary>
/// One appointment or break: the single writer of its status, fields and history, and the coordinator
/// of the calendar time it occupies.
/// </summary>
[Alias("realtime.appointment")]
public interface IAppointmentGrain : IGrainWithGuidKey
{
    [Alias("book")]
    Task<Result<AppointmentView>> Book(BookAppointment command);

    [Alias("reschedule")]
    Task<Result<AppointmentView>> Reschedule(RescheduleAppointment command);

    [Alias("confirm")]
    Task<Result<AppointmentView>> Confirm(Actor actor);

    [Alias("unconfirm")]
    Task<Result<AppointmentView>> Unconfirm(Actor actor);

    [Alias("arrive")]
    Task<Result<AppointmentView>> Arrive(Actor actor);

    [Alias("complete")]
    Task<Result<TransitionOutcome>> Complete(CompleteAppointment command);

    [Alias("cancel")]
    Task<Result<TransitionOutcome>> Cancel(CancelAppointment command);

    [Alias("no-show")]
    Task<Result<AppointmentView>> MarkNoShow(MarkNoShow command);

    [Alias("restore")]
    Task<Result<AppointmentView>> Restore(Actor actor);

    [Alias("undo-completion")]
    Task<Result<AppointmentView>> UndoCompletion(Actor actor);

    /// <summary>Booked with its end passed and no outcome becomes Past (the scheduler's action).</summary>
    [Alias("mark-past")]
    Task<Result<AppointmentView>> MarkPast(Actor actor);

    [Alias("update")]
    Task<Result<AppointmentView>> Update(UpdateAppointment command);

    [Alias("delete")]
    Task<Result<bool>> Delete(Actor actor);

    [Alias("get"), ReadOnly]
    Task<AppointmentView?> Get();

    /// <summary>
    /// Whether this appointment still claims (or is about to claim) the interval on the resource.
    /// Interleaves so that a calendar can ask while this grain waits on that calendar.
    /// </summary>
    [Alias("claims"), AlwaysInterleave]
    Task<bool> Claims(Guid resourceId, TimeRange occupied);
}
