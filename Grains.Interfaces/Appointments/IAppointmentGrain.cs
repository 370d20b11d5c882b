using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Grains.Interfaces.Appointments;

/// <summary>
/// One appointment or break: the single writer of its status, fields and history, and the coordinator
/// of the calendar time it occupies.
/// </summary>
/// <remarks>
/// A change asked for with a request id (an Idempotency-Key's, as a command's <c>RequestId</c> or a <c>requestId</c>
/// argument) is recorded with it (<see cref="HistoryEntry.RequestId"/>). Asked again with that id, it is a repeat of an
/// attempt that landed, whose answer was lost: it changes nothing and is answered with the appointment as it is now,
/// however much changed since. A refused attempt recorded nothing, so its repeat runs again. A repeated cancel or
/// completion answers with the next visit its first attempt booked, or books it if that attempt died first and nothing
/// changed since (else refuses it with <see cref="ErrorCodes.NextVisitUnknown"/>).
/// <para>
/// A staff change may name the version it was asked against (an <c>If-Match</c>'s, as <c>expectedVersion</c> or a
/// command's <c>ExpectedVersion</c>): if the appointment is at another version by then, the change is refused with
/// <see cref="ErrorCodes.AppointmentChanged"/> and nothing changes. Checked here, by the single writer, after the repeat
/// check (a repeat answers as above, whatever the version) and before anything else.
/// </para>
/// </remarks>
[Alias("realtime.appointment")]
public interface IAppointmentGrain : IGrainWithGuidKey
{
    [Alias("book")]
    Task<Result<AppointmentView>> Book(BookAppointment command);

    /// <summary>
    /// <see cref="Book"/> under an id the caller has just made up (a new Guid): nothing can be stored under it, so the
    /// appointment does not read its state first. Should a row exist after all, the write refuses to overwrite it.
    /// </summary>
    [Alias("book-under-new-id")]
    Task<Result<AppointmentView>> BookUnderNewId(BookAppointment command);

    [Alias("reschedule")]
    Task<Result<AppointmentView>> Reschedule(RescheduleAppointment command);

    [Alias("confirm")]
    Task<Result<AppointmentView>> Confirm(Actor actor, Guid? requestId = null, long? expectedVersion = null);

    [Alias("unconfirm")]
    Task<Result<AppointmentView>> Unconfirm(Actor actor, Guid? requestId = null, long? expectedVersion = null);

    [Alias("arrive")]
    Task<Result<AppointmentView>> Arrive(Actor actor, Guid? requestId = null, long? expectedVersion = null);

    [Alias("complete")]
    Task<Result<TransitionOutcome>> Complete(CompleteAppointment command);

    /// <summary>A client cancelling a group appointment other clients hold leaves their seat instead (<see cref="LeaveSeat"/>).</summary>
    [Alias("cancel")]
    Task<Result<TransitionOutcome>> Cancel(CancelAppointment command);

    [Alias("no-show")]
    Task<Result<AppointmentView>> MarkNoShow(MarkNoShow command);

    /// <summary>Puts a cancelled or no-show appointment back; its time must be free, and in working hours unless overridden.</summary>
    [Alias("restore")]
    Task<Result<AppointmentView>> Restore(Actor actor, bool overrideWorkingHours = false, Guid? requestId = null, long? expectedVersion = null);

    [Alias("undo-completion")]
    Task<Result<AppointmentView>> UndoCompletion(Actor actor, Guid? requestId = null, long? expectedVersion = null);

    /// <summary>Booked with its end passed and no outcome becomes Past (the scheduler's action).</summary>
    [Alias("mark-past")]
    Task<Result<AppointmentView>> MarkPast(Actor actor);

    [Alias("update")]
    Task<Result<AppointmentView>> Update(UpdateAppointment command);

    /// <summary>
    /// The scheduler's reminder firing, planned for <paramref name="version"/>: records a
    /// <see cref="AppointmentChangeKind.Reminded"/> change once per start time, if that version is still current and
    /// the appointment still wants a reminder. A stale or repeated firing changes nothing and returns the current view.
    /// </summary>
    [Alias("remind-if-due")]
    Task<Result<AppointmentView>> RemindIfDue(long version);

    /// <summary>
    /// The scheduler's after-end firing, planned for <paramref name="version"/>: a Booked appointment whose end has
    /// passed becomes Past or NoShow as the location's policy says. A stale or repeated firing changes nothing and
    /// returns the current view.
    /// </summary>
    [Alias("close-if-ended")]
    Task<Result<AppointmentView>> CloseIfEnded(long version);

    /// <summary>
    /// Plans the reminder and after-end check of the current version again, under the location's policy now: asked when
    /// that policy changed what their times depend on (its reminder lead time or grace period). Changes nothing else.
    /// </summary>
    [Alias("replan-jobs")]
    Task ReplanJobs();

    /// <summary>
    /// Gives the client a seat in this group appointment (nothing changes if they hold one): <c>group_full</c> when every
    /// seat is taken, <c>not_a_group</c> for an ordinary appointment. A client taking a seat is held to the booking
    /// notice, horizon and blacklist.
    /// </summary>
    [Alias("take-seat")]
    Task<Result<AppointmentView>> TakeSeat(Guid clientId, Actor actor, Guid? requestId = null);

    /// <summary>
    /// Frees the client's seat in this group appointment; a client leaving is held to the cancel rules. The last one
    /// leaving leaves the class on the calendar with no one in it.
    /// </summary>
    [Alias("leave-seat")]
    Task<Result<AppointmentView>> LeaveSeat(Guid clientId, Actor actor);

    [Alias("delete")]
    Task<Result<bool>> Delete(Actor actor, long? expectedVersion = null);

    /// <summary>
    /// Holds a slot for <see cref="HoldSlot.Lifetime"/> before this appointment is booked, checked as a booking is; kept in
    /// memory only. <see cref="Book"/> by the holder (or staff) takes the held time over; another client is refused. The
    /// same request again, while the hold lives, answers that hold unchanged.
    /// </summary>
    [Alias("hold")]
    Task<Result<HoldView>> Hold(HoldSlot command);

    /// <summary>Frees the hold early if <paramref name="clientId"/> holds it (null: the business's hold); false otherwise.</summary>
    [Alias("release-hold")]
    Task<bool> ReleaseHold(Guid? clientId);

    [Alias("get"), ReadOnly]
    Task<AppointmentView?> Get();

    /// <summary>
    /// As <see cref="Get"/>, answered even while the appointment is busy with a change (which it may show before it is
    /// durable): another appointment of the client asks it whether it is in the way of a client's change, and two such
    /// changes asking each other must not wait on each other.
    /// </summary>
    [Alias("peek"), AlwaysInterleave]
    Task<AppointmentView?> Peek();

    /// <summary>
    /// Whether this appointment claims (or is about to claim) the interval on the resource, and until when: null if it
    /// does not. Interleaves so that a calendar can ask while this grain waits on that calendar.
    /// </summary>
    [Alias("claim"), AlwaysInterleave]
    Task<ReservationClaim?> Claim(Guid resourceId, TimeRange occupied);

    /// <summary>
    /// Gives up a waitlist offer's hold for a staff member's change that needs its time (the offer is withdrawn); false
    /// if this is not such a hold, which then stands.
    /// </summary>
    [Alias("give-way-to-staff")]
    Task<bool> GiveWayToStaff();
}

public static class AppointmentGrainExtensions
{
    /// <summary>
    /// Books the appointment of a request id (an Idempotency-Key's, or the request that plans a follow-up); if an earlier
    /// attempt of that request booked it and failed before answering, that booking is the answer, never a second one.
    /// </summary>
    public static Task<Result<AppointmentView>> BookUnderKey(this IAppointmentGrain appointment, BookAppointment command)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.Book(command).OrMadeBefore(appointment.Get);
    }
}
