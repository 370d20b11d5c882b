using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Api.Endpoints;

/// <summary>
/// Client records (seed 004): create, read, edit, delete, blacklist; the list with search, sort and paging; the CSV
/// export; bulk delete; and the profile's appointments.
/// </summary>
/// <remarks>
/// <para><b>Deleted clients' appointments</b> (single or bulk delete) stay as they are: on the calendar, in reports and
/// in the appointment list, still naming the client's id — which now answers 404 on every client route, so they show
/// as a deleted client. Deleting forgets the person, not the business's record of its own days. Visits still ahead
/// are the business's to decide on (<see cref="ClientDeletion"/>): <c>upcoming=keep</c> keeps them, <c>upcoming=cancel</c>
/// cancels them first (a class others hold is left instead), telling no one; without a choice a client with such
/// visits is not deleted (409 <c>client_has_upcoming_appointments</c>, naming them). A booking made while the client is
/// being deleted is decided on like the others if it became theirs first, else it cancels itself (reason
/// <c>clientDeleted</c>, telling no one), as a booking for a deleted client is refused (404 <c>not_found</c> on
/// <c>clientId</c>).</para>
/// </remarks>
public static class ClientsApi
{
    /// <summary>How many clients one bulk delete may name.</summary>
    public const int MaxBulkDeleteIds = 500;

    private const int BulkDeleteParallelism = 8;

    /// <summary>How often deleting a client decides again on their appointments when one was booked meanwhile.</summary>
    private const int DeleteDecisions = 3;

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.Staff);
        clients.MapPost("/", Create).Idempotent()
            .WithSummary("Creates a client; one with another client's e-mail address or phone number is refused unless allowDuplicate.")
            .WithDescription(
                "E-mail addresses compare trimmed and case-insensitively, phone numbers by their digits. A match with a client of the "
                + "organisation answers 409 `client_exists`, naming the fields (`email`, `phone`) and the client to open instead "
                + "(`existingClientId`); send `allowDuplicate: true` to create the client anyway (a parent and child sharing a phone). "
                + "Two creates at the same instant cannot both take one address: each address and number is claimed by one writer.");
        clients.MapGet("/", List);
        clients.MapGet("/export", Export).RequireAuthorization(Policies.Admin)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        clients.MapPost("/bulk-delete", BulkDelete).RequireAuthorization(Policies.Admin).Idempotent();
        clients.MapGet("/{id:guid}", Get);
        clients.MapGet("/{id:guid}/appointments", Appointments);
        clients.MapPut("/{id:guid}", Update)
            .WithSummary("Replaces a client's profile; taking another client's e-mail address or phone number is refused unless allowDuplicate.");
        clients.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Admin);
        clients.MapPost("/{id:guid}/blacklist", AddToBlacklist).Idempotent();
        clients.MapDelete("/{id:guid}/blacklist", RemoveFromBlacklist);
        return app;
    }

    private static async Task<Results<Created<ClientResponse>, ProblemHttpResult>> Create(ClientRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var id = http.IdempotentId() ?? Guid.NewGuid();
        var created = await grains.GetGrain<IClientGrain>(id).Create(caller.OrganizationId, body.ToProfile(), body.AllowDuplicate == true)
            .OrEarlierAttempts(http, () => grains.GetGrain<IClientGrain>(id).GetRecord());
        return created.IsSuccess
            ? TypedResults.Created($"/api/clients/{id}", ClientResponse.From(created.Value!))
            : Problems.From(created.Error!);
    }

    /// <summary>From the client list read model: current within moments of each change, never a grain call per row.</summary>
    private static async Task<Results<Ok<ClientListResponse>, ProblemHttpResult>> List(
        string? search, string? sort, string? page, string? pageSize, HttpContext http, IClientReadModel clients, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var query = new ClientListQuery(caller.OrganizationId)
        {
            Search = search,
            Sort = ParseSort(fields, sort),
            Page = fields.Number(page, "page") ?? 1,
            PageSize = fields.Number(pageSize, "pageSize") ?? ClientListQuery.DefaultPageSize,
        };
        foreach (var error in query.Validate()) fields.Add(error.Field, error.Message);
        if (!fields.Valid) return fields.Problem;
        return TypedResults.Ok(ClientListResponse.From(await clients.Query(query, ct)));
    }

    /// <summary>
    /// Every matching client (not just a page) as CSV: UTF-8 with a byte order mark (so spreadsheet programs read the
    /// accents right), a header row, the chosen delimiter and columns, formula characters neutralised.
    /// </summary>
    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(
        string? delimiter, string? columns, string? search, string? sort, string? timeZone, HttpContext http, IClientReadModel clients, TimeProvider time)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var format = ClientExportFormat.Parse(delimiter, columns);
        foreach (var error in format.Error?.Fields ?? []) fields.Add(error.Field, error.Message);
        // Times in UTC unless a zone is asked for, such as the location's: then with the offset of that zone.
        DateTimeZone? zone = null;
        if (!string.IsNullOrEmpty(timeZone))
        {
            if (TimeZones.IsKnown(timeZone)) zone = TimeZones.Get(timeZone);
            else fields.Add("timeZone", "An IANA time zone, such as Europe/Warsaw.");
        }
        var query = new ClientListQuery(caller.OrganizationId) { Search = search, Sort = ParseSort(fields, sort) };
        foreach (var error in query.Validate()) fields.Add(error.Field, error.Message);
        if (!fields.Valid) return fields.Problem;

        var chosen = format.Value!;
        var fileName = $"clients-{time.GetUtcNow():yyyy-MM-dd}.csv";
        return TypedResults.Stream(
            body => WriteCsv(body, chosen, zone, clients.Export(query, http.RequestAborted), http.RequestAborted),
            "text/csv; charset=utf-8",
            fileName);
    }

    private static async Task WriteCsv(
        Stream body, ClientExportFormat format, DateTimeZone? zone, IAsyncEnumerable<ClientListItem> rows, CancellationToken ct)
    {
        await body.WriteAsync(Utf8ByteOrderMark, ct);
        var delimiter = format.Delimiter;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            NewLine = "\r\n",
            // Quoted: a cell holding the delimiter, a quote, any line break (a lone \n too: CsvHelper's own rule, with
            // NewLine set, would only look for \r\n) or spaces at either end.
            ShouldQuote = args => args.Field is { Length: > 0 } cell
                && (cell.Contains(delimiter) || cell.Contains('"') || cell.Contains('\r') || cell.Contains('\n') || cell[0] == ' ' || cell[^1] == ' '),
            // Neutralising is done, and unit-tested, by ClientExportCells; CsvHelper only quotes.
            InjectionOptions = InjectionOptions.None,
        };
        // Everything is written asynchronously: the server refuses synchronous writes to the response.
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, configuration, leaveOpen: true);
        foreach (var header in ClientExportRows.Header(format.Columns)) csv.WriteField(header);
        await csv.NextRecordAsync();
        await foreach (var client in rows.WithCancellation(ct))
        {
            foreach (var cell in ClientExportRows.Row(client, format.Columns, zone)) csv.WriteField(cell);
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }

    /// <summary>
    /// Deletes several clients at once, only with <c>confirm: true</c>. Each id is answered on its own: an id of
    /// another organisation, unknown or already deleted is reported as not found and nothing happens to it. The
    /// deleted clients' appointments stay (see the remarks on <see cref="ClientsApi"/>).
    /// </summary>
    private static async Task<Results<Ok<BulkDeleteClientsResponse>, ProblemHttpResult>> BulkDelete(
        BulkDeleteClientsRequest body, HttpContext http, IGrainFactory grains, IAppointmentReadModel appointments, TimeProvider time)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var ids = fields.Required(body.Ids, "ids");
        if (body.Ids is { Length: 0 }) fields.Add("ids", "Name at least one client.");
        if (ids.Length > MaxBulkDeleteIds) fields.Add("ids", $"At most {MaxBulkDeleteIds} clients at once.");
        if (body.Confirm != true)
        {
            fields.Add("confirm", "Deleting clients cannot be undone: a confirmation is needed (send \"confirm\": true).");
        }
        var upcoming = ParseUpcoming(fields, body.Upcoming);
        if (!fields.Valid) return fields.Problem;

        var distinct = ids.Distinct().ToArray();
        var outcomes = new DeleteOutcome[distinct.Length];
        // Once started, a bulk delete runs to the end even if the caller goes away, so its answer would have been true.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, distinct.Length),
            new ParallelOptions { MaxDegreeOfParallelism = BulkDeleteParallelism },
            async (i, _) => outcomes[i] = await DeleteOne(grains, appointments, time, caller, distinct[i], upcoming));
        Guid[] With(Func<DeleteOutcome, bool> outcome) => [.. distinct.Where((_, i) => outcome(outcomes[i]))];
        return TypedResults.Ok(new BulkDeleteClientsResponse(
            With(o => o.Deleted), With(o => o is { Deleted: false, Upcoming: null }), With(o => o.Upcoming is not null)));
    }

    /// <summary>Deleted; or not, because the client was not found or (<see cref="Upcoming"/>) has visits ahead and no choice was made.</summary>
    private sealed record DeleteOutcome(bool Deleted, Guid[]? Upcoming = null);

    /// <remarks>
    /// The client grain settles a booking made meanwhile: one linked to the client after the look at their appointments
    /// makes the deletion refuse (the look and the choice are made again, up to <see cref="DeleteDecisions"/> times);
    /// one linked after the deletion is refused by the deleted client and cancels itself. With <c>keep</c> there is no
    /// look: a booking linked before the deletion is kept, as every visit ahead is.
    /// </remarks>
    private static async Task<DeleteOutcome> DeleteOne(
        IGrainFactory grains, IAppointmentReadModel appointments, TimeProvider time, Caller caller, Guid id, UpcomingAppointments? choice)
    {
        for (var decision = 1; ; decision++)
        {
            if (await grains.ClientRecord(caller, id) is not { } client) return new(false);
            Guid[]? decided = null;
            if (choice != UpcomingAppointments.Keep)
            {
                var ahead = await Upcoming(grains, appointments, caller, client, time.GetUtcNow());
                if (ahead.Length > 0 && choice is null) return new(false, [.. ahead.Select(a => a.Id)]);
                foreach (var appointment in ahead)
                {
                    // A visit that changed meanwhile (cancelled, begun) refuses and is left as it now is.
                    var grain = grains.GetGrain<IAppointmentGrain>(appointment.Id);
                    if (ClientDeletion.LeavesSeat(appointment, id)) await grain.LeaveSeat(id, caller.Actor);
                    else await grain.Cancel(new CancelAppointment(CancellationReason.Business, null, NotifyClient: false, NotifyResource: false, null, caller.Actor));
                }

                decided = client.AppointmentIds;
            }

            var deleted = await grains.GetGrain<IClientGrain>(id).Delete(caller.Actor, decided);
            if (!deleted.IsSuccess) return new(false);
            if (deleted.Value)
            {
                await LeaveWaitlists(grains, id);
                return new(true);
            }

            if (decision == DeleteDecisions)
            {
                var linked = (await grains.ClientRecord(caller, id))?.AppointmentIds ?? [];
                return new(false, [.. linked.Except(decided!)]);
            }
        }
    }

    /// <summary>A deleted client waits for nothing: their entries leave the waiting lists (an ASAP visit's follows the visit).</summary>
    private static async Task LeaveWaitlists(IGrainFactory grains, Guid clientId)
    {
        foreach (var waitlist in await grains.GetGrain<IClientWaitlistsGrain>(clientId).Waitlists())
        {
            var list = grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(waitlist.LocationId, waitlist.ServiceId));
            foreach (var entry in await list.Entries())
            {
                if (entry.ClientId == clientId && entry.AppointmentId is null) await list.Leave(entry.Id, null);
            }
        }
    }

    /// <summary>
    /// From the appointment list, which follows a change within moments; an appointment of the client's record that the
    /// list does not show yet (booked a moment ago) is asked itself.
    /// </summary>
    private static async Task<AppointmentView[]> Upcoming(
        IGrainFactory grains, IAppointmentReadModel appointments, Caller caller, ClientRecord client, DateTimeOffset now)
    {
        if (client.AppointmentIds.Length == 0) return [];
        var found = await appointments.QueryAll(new AppointmentQuery(caller.OrganizationId) { Ids = client.AppointmentIds }, CancellationToken.None);

        var listed = found.Select(a => a.Id).ToHashSet();
        var notListed = await Task.WhenAll(client.AppointmentIds.Where(id => !listed.Contains(id)).Select(id => grains.GetGrain<IAppointmentGrain>(id).Get()));
        return ClientDeletion.Upcoming(found.Concat(notListed.OfType<AppointmentView>()), client.Client.Id, now);
    }

    /// <summary>The <c>upcoming</c> choice: <c>keep</c>, <c>cancel</c>, or none.</summary>
    private static UpcomingAppointments? ParseUpcoming(RequestFields fields, string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "keep":
                return UpcomingAppointments.Keep;
            case "cancel":
                return UpcomingAppointments.Cancel;
            default:
                fields.Add("upcoming", "keep (the visits ahead stay on the calendar) or cancel (they are cancelled first).");
                return null;
        }
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.ClientRecord(Caller.From(http.User), id) is { } record ? TypedResults.Ok(ClientResponse.From(record)) : Problems.NotFound("The client");

    /// <summary>
    /// The client's profile history (seed 001): every appointment of the client, cancelled ones included, newest
    /// first, paged; from the appointment list. A key limited to some locations sees the appointments there only.
    /// </summary>
    private static async Task<Results<Ok<AppointmentPage>, ProblemHttpResult>> Appointments(
        Guid id, string? page, string? pageSize, HttpContext http, IGrainFactory grains, IAppointmentReadModel appointments, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var query = new AppointmentQuery(caller.OrganizationId)
        {
            AllowedLocationIds = caller.LocationIds,
            Page = fields.Number(page, "page") ?? 1,
            PageSize = fields.Number(pageSize, "pageSize") ?? AppointmentQuery.DefaultPageSize,
        };
        foreach (var error in query.Validate()) fields.Add(error.Field, error.Message);
        if (!fields.Valid) return fields.Problem;
        if (await grains.ClientRecord(caller, id) is not { } client) return Problems.NotFound("The client");
        // The client's record: every appointment ever theirs, cancelled ones and classes they have left included.
        return TypedResults.Ok(await appointments.QueryNewestFirst(query with { Ids = client.AppointmentIds }, ct));
    }

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Update(Guid id, ClientRequest body, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, _) => client.Update(body.ToProfile(), body.AllowDuplicate == true));

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> AddToBlacklist(
        Guid id, BlacklistRequest body, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, caller) => client.AddToBlacklist(body.Reason ?? "", caller.Actor));

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> RemoveFromBlacklist(Guid id, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, caller) => client.RemoveFromBlacklist(caller.Actor));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, string? upcoming, HttpContext http, IGrainFactory grains, IAppointmentReadModel appointments, TimeProvider time)
    {
        var fields = new RequestFields();
        var choice = ParseUpcoming(fields, upcoming);
        if (!fields.Valid) return fields.Problem;
        var outcome = await DeleteOne(grains, appointments, time, Caller.From(http.User), id, choice);
        if (outcome.Upcoming is { } ahead)
        {
            return Problems.From(new DomainError(ErrorCodes.ClientHasUpcomingAppointments,
                $"The client has {ahead.Length} upcoming appointment(s): choose what becomes of them.",
                [new FieldError("upcoming", $"keep (they stay on the calendar) or cancel (they are cancelled first): {string.Join(", ", ahead)}.")]));
        }
        return outcome.Deleted ? TypedResults.NoContent() : Problems.NotFound("The client");
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Act(
        Guid id, HttpContext http, IGrainFactory grains, Func<IClientGrain, Caller, Task<Result<ClientRecord>>> action)
    {
        var caller = Caller.From(http.User);
        if (await grains.Client(caller, id) is null) return Problems.NotFound("The client");
        var result = await action(grains.GetGrain<IClientGrain>(id), caller);
        return result.IsSuccess ? TypedResults.Ok(ClientResponse.From(result.Value!)) : Problems.From(result.Error!);
    }

    /// <summary>The <c>sort</c> parameter: <c>name</c> (the default) or <c>-name</c>.</summary>
    private static ClientListSort ParseSort(RequestFields fields, string? sort)
    {
        switch (sort?.Trim())
        {
            case null or "" or "name":
                return ClientListSort.NameAscending;
            case "-name":
                return ClientListSort.NameDescending;
            default:
                fields.Add("sort", "Sort by name (A to Z) or -name (Z to A).");
                return ClientListSort.NameAscending;
        }
    }
}
