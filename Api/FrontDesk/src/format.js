// How an appointment reads on the page: names, times, status and flags.
import { esc } from './dom.js';
import { clockText, formatDate, hhmm, toWall } from './zone.js';

export const statusLabels = {
    booked: 'Booked', arrived: 'Arrived', completed: 'Completed', cancelled: 'Cancelled', noShow: 'No-show', past: 'Past, no outcome',
};

export const kindLabels = { staff: 'Staff', room: 'Room', equipment: 'Equipment' };

/** Statuses that hold the time on the calendar (cancelled and no-show free it). */
export const occupies = a => !['cancelled', 'noShow'].includes(a.status);

export const isBreak = a => a.kind === 'break';

export const personName = c => [c?.firstName, c?.lastName].filter(Boolean).join(' ');

/**
 * Whether a visit's day has come at the location: the desk offers "Arrived" from then on (the server refuses it earlier,
 * `visit_not_started`).
 */
export const dayHasCome = (a, timeZone, now = Date.now()) => toWall(a.start, timeZone).slice(0, 10) <= toWall(now, timeZone).slice(0, 10);

/** Whether the desk offers to complete a visit: once the client has arrived, or from its day on (as the server). */
export const completable = (a, timeZone, now = Date.now()) => a.status === 'arrived' || dayHasCome(a, timeZone, now);

/** What the desk says when its change was refused because someone else changed the visit first. */
export const changedElsewhereText = 'Someone else changed this visit meanwhile, so your change was not saved. ' +
    'It now shows as they left it: check it, and make your change again if it still applies.';

/** Who made a change: a client by their name when the desk knows it (the API records clients' changes as "client"). */
export function actorName(actor, clients) {
    if (actor?.kind !== 'client') return actor?.name ?? '';
    const name = personName(clients.get(actor.id));
    return name ? `${name} (client)` : 'The client';
}

/** A group appointment: a class whose seats clients take (its services' smallest capacity is above one). */
export const isClass = a => (a.capacity ?? 1) > 1;

export const seatsText = a => `${a.seats?.length ?? 0} of ${a.capacity} seats`;

export function clientName(a, clients) {
    if (isBreak(a)) return 'Break';
    if (isClass(a)) return `Class, ${seatsText(a)}`;
    if (!a.clientId) return 'No client';
    return personName(clients.get(a.clientId)) || 'Client…';
}

/** What the desk calls a visit in titles and notices: its client, or a class by its services. */
export const visitName = (a, clients, services) =>
    isBreak(a) ? 'Break' : isClass(a) ? `${serviceNames(a, services) || 'Group'} class` : clientName(a, clients);

export const serviceNames = (a, services) => (a.serviceIds ?? []).map(id => services.get(id)?.name ?? 'Service').join(', ');

export const resourceNames = (resourceIds, resources) => resourceIds.map(id => resources.get(id)?.name ?? 'Unknown resource').join(', ');

export const endOf = a => a.end ?? new Date(Date.parse(a.start) + a.durationMinutes * 60000).toISOString();

/** The time a visit at [start, end) (instants in ms) takes of its resources, its buffers included, as the server checks a slot. */
export const occupiedSpan = (a, start, end) => [start - (a.bufferBeforeMinutes ?? 0) * 60000, end + (a.bufferAfterMinutes ?? 0) * 60000];

export const timeText = (a, timeZone) => `${clockText(a.start, timeZone)}–${clockText(endOf(a), timeZone)}`;

/** The small markers shown on an appointment: [css key, short text, meaning]. */
export function flagsOf(a, clients) {
    if (isBreak(a)) return [];
    const flags = [];
    if (a.status === 'booked') flags.push(a.confirmed ? ['confirmed', '✓', 'Attendance confirmed'] : ['unconfirmed', '?', 'Not confirmed yet']);
    if (a.firstConsultation) flags.push(['first', '1st', 'First consultation']);
    if (a.asap) flags.push(['asap', 'ASAP', 'Would come earlier if a slot frees up']);
    if (a.paymentDue) flags.push(['due', 'Unpaid', 'Payment due: services or products not paid yet']);
    if (isClass(a) && (a.seats?.length ?? 0) >= a.capacity) flags.push(['full', 'Full', 'Every seat of the class is taken']);
    if (!isClass(a) && clients.get(a.clientId)?.blacklisted) flags.push(['blacklisted', 'Blacklist', 'Client is on the blacklist']);
    return flags;
}

/** Why a visit's resources do not all work for it, as the desk reads it ("Piotr is off: sick all day"). */
export const awayText = conflicts => (conflicts ?? [])
    .map(c => (c.kind === 'timeOff' ? `${c.resourceName} is off${c.note ? `: ${c.note}` : ''}` : `${c.resourceName} does not work at this time`))
    .join('; ');

export const flagsHtml = flags =>
    flags.map(([key, text, title]) => `<span class="flag flag-${key}" title="${esc(title)}">${esc(text)}</span>`).join('');

/**
 * A held slot: whose hold it is and until when. A waitlist offer's (no client) gives way to the desk's own booking; a
 * client's is theirs while they finish booking online.
 */
export function heldHtml(hold, timeZone) {
    if (!hold) return '';
    const offer = !hold.clientId;
    const until = hhmm(toWall(hold.expiresAt, timeZone));
    const title = offer ? `Offered to the waiting list until ${until}: booking it here takes it` : `A client is booking this online until ${until}`;
    return `<div class="ev-held" data-hold-id="${esc(hold.id)}" title="${esc(title)}">Held · ${offer ? 'waitlist offer' : 'client booking'}` +
        `<span class="ev-held-until"> until ${esc(until)}</span></div>`;
}

/** Where a resource is, for a block of its time taken at another location: "At Old town 14:00–15:15" or "Break at Old town …". */
export const elsewhereText = (busy, timeZone) => `${elsewhereLabel(busy)} ${elsewhereSpan(busy, timeZone)}`;

const elsewhereLabel = busy => `${busy.kind === 'break' ? 'Break at' : 'At'} ${busy.locationName}`;

const elsewhereSpan = (busy, timeZone) => `${hhmm(toWall(busy.start, timeZone))}–${hhmm(toWall(busy.end, timeZone))}`;

/** The inside of a block of time taken at another location: where and when only, as the desk may know nothing more of it. */
export function elsewhereHtml(busy, timeZone) {
    if (!busy) return '';
    return `<div class="ev-elsewhere" data-elsewhere-id="${esc(busy.appointmentId)}" title="${esc(`${elsewhereText(busy, timeZone)}: taken there, not bookable here`)}">` +
        `<span class="ev-elsewhere-where">${esc(elsewhereLabel(busy))}</span> <span class="ev-elsewhere-when">${esc(elsewhereSpan(busy, timeZone))}</span></div>`;
}

/**
 * The inside of an appointment on the calendar. Its data attributes describe it for tests and styling; `conflicts`
 * (appointment id → the snapshot's conflicts) flag a visit to rebook.
 */
export function eventHtml(a, { clients, services, timeZone, conflicts }) {
    const names = serviceNames(a, services);
    // A break has no outcome to record: only its removal is worth a word.
    const quiet = a.status === 'booked' || (isBreak(a) && a.status !== 'cancelled');
    const status = quiet ? '' : `<span class="ev-status">${esc(statusLabels[a.status])}</span>`;
    const notes = isBreak(a) && a.notes ? `<div class="ev-services">${esc(a.notes)}</div>` : '';
    const away = awayText(conflicts?.get(a.id));
    const title = [timeText(a, timeZone), clientName(a, clients), names, statusLabels[a.status], away && `To rebook: ${away}`].filter(Boolean).join(' · ');
    const flags = flagsOf(a, clients);
    if (away) flags.unshift(['away', '⚠ Rebook', away]);
    const name = esc(clientName(a, clients));
    // A short visit has room for a line or two: the client's name goes on the time's line, so it is never cut off.
    const size = a.durationMinutes <= 20 ? 'tiny' : a.durationMinutes <= 30 ? 'short' : 'long';
    return `<div class="ev ev-${size}" title="${esc(title)}" data-appointment-id="${esc(a.id)}" data-status="${esc(a.status)}" data-version="${esc(a.version)}"` +
        ` data-start="${esc(hhmm(toWall(a.start, timeZone)))}" data-kind="${esc(a.kind)}"${away ? ` data-away="${esc(away)}"` : ''}>` +
        `<div class="ev-line"><span class="ev-time">${esc(timeText(a, timeZone))}</span>${size === 'long' ? '' : `<span class="ev-client">${name}</span>`}${status}${flagsHtml(flags)}</div>` +
        (size === 'long' ? `<div class="ev-client">${name}</div>` : '') +
        (names ? `<div class="ev-services">${esc(names)}</div>` : '') + notes +
        `</div>`;
}

export const money = value => (value == null ? '' : Number(value).toFixed(2));

const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A history entry's details with its instants at the location's wall clock (its ids are for the caller to name). */
export function historyDetails(details, timeZone) {
    return (details ?? '')
        .replace(isoInstant, instant => {
            const wall = toWall(instant, timeZone);
            return `${formatDate(wall.slice(0, 10), { day: 'numeric', month: 'short' })} ${hhmm(wall)}`;
        })
        .replace(/ -> /g, ' → ');
}
