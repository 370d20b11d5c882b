// The live day of one location: a snapshot of the calendar, kept current by the location's feed.
// Rule (DESIGN.md §3): connect → Watch(location) → load the snapshot (epoch E, sequence S), buffering pushed changes
// meanwhile → apply changes of epoch E with sequence S+1, S+2, … in order. Another epoch, a gap in the sequence or a
// reconnect (or a `feedReset`) reloads the snapshot. Slot holds (`holdChanged`) and the time the day's resources are taken
// at other locations (`busyElsewhere`) are numbered in the same sequence. Older sequences are ignored; an appointment
// never goes back to an older version.
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { get, session } from './api.js';
import { dayRange } from './zone.js';

/** What a pushed change means for a desk at `position` ({epoch, sequence}) of the feed: 'apply', 'ignore' or 'resync'. */
export function placeOf(position, change) {
    if (position.epoch == null || change.epoch !== position.epoch) return 'resync';
    if (change.sequence <= position.sequence) return 'ignore';
    return change.sequence === position.sequence + 1 ? 'apply' : 'resync';
}

/** The appointments of one location's local day, each at its newest known version, and the slots clients hold. */
export class Day {
    constructor(snapshot) {
        this.locationId = snapshot.locationId;
        this.date = snapshot.date;
        this.timeZone = snapshot.timeZone;
        this.range = dayRange(snapshot.date, snapshot.timeZone);
        this.appointments = new Map();
        this.versions = new Map(); // newest version seen per id; Infinity once deleted
        this.holds = new Map(); // hold id → hold, until released, booked or expired
        this.conflicts = new Map(); // appointment id → the resources it finds away ({resourceName, kind, note}), for a visit to rebook
        this.elsewhere = new Map(); // appointment id at another location → {resourceIds, start, end, locationName, kind}: those resources' time taken there
        for (const busy of snapshot.elsewhere ?? []) this.busyElsewhere(busy.appointmentId, busy);
        for (const appointment of snapshot.appointments ?? []) this.put(appointment, []);
        for (const conflict of snapshot.conflicts ?? []) this.conflicts.get(conflict.appointmentId)?.push(conflict);
        for (const hold of snapshot.holds ?? []) this.hold(hold, false);
    }

    /** A hold taken (shown while it lasts) or released. */
    hold(hold, released) {
        if (released) this.holds.delete(hold.id);
        else if (hold.locationId === this.locationId) this.holds.set(hold.id, hold);
    }

    /** What a visit at another location now takes of this location's resources (`busy`, kept when on this day), or, when null, no longer takes. */
    busyElsewhere(appointmentId, busy) {
        const onThisDay = busy && Date.parse(busy.start) < this.range[1] && Date.parse(busy.end) > this.range[0];
        if (onThisDay) this.elsewhere.set(appointmentId, busy);
        else this.elsewhere.delete(appointmentId);
    }

    /** The first of `resourceIds` taken at another location during [from, to) (instants in ms), with that block: {resourceId, busy}, or null. */
    takenElsewhere(resourceIds, from, to) {
        for (const resourceId of resourceIds) {
            const busy = [...this.elsewhere.values()].find(b => b.resourceIds.includes(resourceId) && Date.parse(b.start) < to && Date.parse(b.end) > from);
            if (busy) return { resourceId, busy };
        }
        return null;
    }

    /** The holds not yet expired by the clock (the feed's release may still be on its way). */
    liveHolds(now = Date.now()) {
        return [...this.holds.values()].filter(h => Date.parse(h.expiresAt) > now);
    }

    /** The snapshot's day, keeping what `previous` (the same day, loaded before) knew at a newer version. */
    static from(snapshot, previous) {
        const day = new Day(snapshot);
        if (previous?.locationId !== day.locationId || previous.date !== day.date) return day;
        for (const [id, version] of previous.versions) {
            if (version <= (day.versions.get(id) ?? -1)) continue;
            day.versions.set(id, version);
            const known = previous.appointments.get(id);
            if (known) day.appointments.set(id, known);
            else day.appointments.delete(id);
            day.conflicts.set(id, previous.conflicts.get(id) ?? []);
        }
        return day;
    }

    /**
     * Takes a newer (or equal) version, with its `conflicts` when the server named them (the desk's own answers do not:
     * the feed brings the same version with them moments later); an older one changes nothing. Answers whether it was taken.
     */
    put(appointment, conflicts) {
        if (appointment.version < (this.versions.get(appointment.id) ?? -1)) return false;
        this.versions.set(appointment.id, appointment.version);
        if (conflicts) this.conflicts.set(appointment.id, conflicts);
        const start = Date.parse(appointment.start);
        const end = appointment.end ? Date.parse(appointment.end) : start + appointment.durationMinutes * 60000;
        const onThisDay = appointment.locationId === this.locationId && start < this.range[1] && end > this.range[0];
        if (onThisDay) this.appointments.set(appointment.id, appointment);
        else this.appointments.delete(appointment.id);
        return true;
    }

    remove(id) {
        this.versions.set(id, Infinity);
        this.appointments.delete(id);
    }
}

const pollSeconds = 15;

/** The live connection: SignalR to the API's hub, with the staff key, reconnecting by itself. */
function openHub() {
    return new HubConnectionBuilder()
        .withUrl('/hubs/frontdesk', { accessTokenFactory: () => session.key ?? '' })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => Math.min(500 * 2 ** previousRetryCount, 10000) })
        .configureLogging(LogLevel.Warning)
        .build();
}

/** The clients an appointment names: its client and, in a class, every seat holder. */
const clientsOf = a => [...new Set([a?.clientId, ...(a?.seats ?? [])])].filter(Boolean);

const loadSnapshot = ({ locationId, date }) => get(`/api/locations/${locationId}/calendar?date=${date}`);

/**
 * Shows one location's day and keeps it live. `onDay(day)` after every change, `onStatus(state, text)` with
 * 'live' | 'connecting' | 'offline', `onError(error)` when the snapshot cannot be loaded, `onSchedule()` when a resource's working
 * time at the location changed (the day is reloaded too). `hub` and `snapshot` stand
 * in for the SignalR connection and the snapshot request in tests.
 */
export class Feed {
    day = null;
    clients = new Map(); // id → {id, firstName, lastName, phone, blacklisted}
    status = 'connecting';
    #target = null; // {locationId, date}
    #position = { epoch: null, sequence: 0 };
    #loading = null;
    #again = false;
    #buffer = [];
    #started = false;
    #connection = null;
    #watched = null;
    #retry = null;
    #poll = null;

    constructor({ onDay, onStatus, onError, onSchedule = () => {}, hub = openHub, snapshot = loadSnapshot }) {
        this.onDay = onDay;
        this.onSchedule = onSchedule;
        this.onStatus = onStatus;
        this.onError = onError;
        this.openHub = hub;
        this.loadSnapshot = snapshot;
    }

    get target() { return this.#target; }

    /** Shows another location and/or day. */
    async show(locationId, date) {
        this.#target = { locationId, date };
        if (!this.#started) {
            this.#started = true;
            this.#connect();
        } else if (this.#connection?.state === HubConnectionState.Connected) {
            await this.#watch().catch(() => this.#connection?.stop());
        }
        await this.resync();
    }

    /** Applies the answer of the desk's own action at once (the feed brings the same version moments later). */
    put(appointment, client) {
        if (!this.day) return;
        if (client) this.clients.set(client.id, client);
        if (this.day.put(appointment)) this.#changed();
    }

    /** Reloads the snapshot; changes pushed meanwhile are buffered and applied after it, in order. */
    resync() {
        if (!this.#target) return Promise.resolve();
        if (this.#loading) {
            this.#again = true;
            return this.#loading;
        }
        this.#loading = this.#load();
        return this.#loading;
    }

    stop() {
        this.#started = false;
        this.#setStatus('connecting', 'Connecting…');
        clearTimeout(this.#retry);
        clearInterval(this.#poll);
        this.#poll = null;
        const connection = this.#connection;
        this.#connection = null;
        this.#watched = null;
        return connection?.stop();
    }

    async #load() {
        for (let attempt = 0; ; attempt++) {
            this.#again = false;
            if (attempt > 2) await new Promise(r => setTimeout(r, Math.min(2000, 200 * attempt))); // a feed that keeps jumping
            const target = this.#target;
            let snapshot;
            try {
                snapshot = await this.loadSnapshot(target);
                for (const client of snapshot.clients ?? []) this.clients.set(client.id, client);
            } catch (error) {
                this.#loading = null;
                this.onError(error);
                if (![401, 403, 404].includes(error.status)) setTimeout(() => this.resync(), 5000);
                return;
            }
            if (target !== this.#target || this.#again) continue;

            this.#position = { epoch: snapshot.epoch ?? null, sequence: snapshot.sequence ?? 0 };
            this.day = Day.from(snapshot, this.day);
            const buffered = this.#buffer.splice(0);
            if (buffered.some(change => !this.#take(change, true))) continue;
            this.#loading = null;
            this.#changed();
            this.#fetchMissingClients();
            return;
        }
    }

    /** A change pushed by the hub. */
    #receive(change) {
        if (!this.#target || change.locationId !== this.#target.locationId) return;
        if (this.#loading) this.#buffer.push(change);
        else if (this.#take(change, false)) this.#changed();
        else this.resync();
    }

    /** Applies or ignores a change in feed order; answers false when it needs a resync. */
    #take(change, quietly) {
        const place = placeOf(this.#position, change);
        if (place === 'resync') return false;
        if (place === 'ignore' || !this.day) return true;
        // A resource's working time changed: only a new snapshot says which visits it leaves outside it.
        if (change.resourceId) return false;
        this.#position.sequence = change.sequence;
        if ('busy' in change) {
            this.day.busyElsewhere(change.appointmentId, change.busy);
            return true;
        }
        if (change.hold) {
            this.day.hold(change.hold, change.released);
            return true;
        }
        if (change.client) this.clients.set(change.client.id, change.client);
        if (change.deleted) this.day.remove(change.appointment.id);
        else this.day.put(change.appointment, change.conflicts);
        if (!quietly && clientsOf(change.appointment).some(id => !this.clients.has(id))) this.#fetchMissingClients();
        return true;
    }

    #changed() {
        this.onDay(this.day);
    }

    /** Clients the snapshot or a change did not name (a class's other seat holders, older servers): fetched, then shown. */
    async #fetchMissingClients() {
        if (await this.learnClients([...this.day.appointments.values()].flatMap(clientsOf)) > 0) this.#changed();
    }

    /** Fetches, one by one, the clients among `ids` not known yet (a history names clients gone from the day too); answers how many were asked for. */
    async learnClients(ids) {
        const missing = [...new Set(ids.filter(Boolean))].filter(id => !this.clients.has(id));
        const found = await Promise.allSettled(missing.map(id => get(`/api/clients/${id}`)));
        found.forEach((result, i) => {
            if (result.status === 'fulfilled') this.clients.set(result.value.id, result.value);
            // A client deleted since their visit was booked: named as such, and not asked for again.
            else if (result.reason?.status === 404) this.clients.set(missing[i], { id: missing[i], firstName: 'Deleted', lastName: 'client' });
        });
        return missing.length;
    }

    #setStatus(status, text) {
        this.status = status;
        this.onStatus(status, text);
    }

    async #connect() {
        const connection = this.openHub();
        connection.on('appointmentChanged', change => this.#receive(change));
        connection.on('holdChanged', change => this.#receive(change));
        connection.on('busyElsewhere', change => this.#receive(change));
        connection.on('scheduleChanged', change => {
            if (change.locationId === this.#target?.locationId) this.onSchedule();
            this.#receive(change);
        });
        connection.on('feedReset', reset => reset.locationId === this.#target?.locationId && this.resync());
        // The day is reloaded at once when the connection drops or closes, not only after a reconnect: the server
        // closes the connections of a key it revoked, and the reload's refusal is what signs the page out.
        connection.onreconnecting(() => {
            this.#setStatus('connecting', 'Reconnecting…');
            this.resync();
        });
        connection.onreconnected(async () => {
            this.#watched = null;
            try {
                await this.#watch();
            } catch {
                await connection.stop();
                return;
            }
            await this.resync();
            this.#live(connection);
        });
        connection.onclose(() => {
            if (this.#connection === connection) this.#connectLater(connection);
        });
        this.#connection = connection;
        this.#setStatus('connecting', 'Connecting…');
        try {
            await connection.start();
            await this.#watch();
            await this.resync();
            this.#live(connection);
        } catch {
            this.#connectLater(connection);
            connection.stop().catch(() => {});
        }
    }

    #live(connection) {
        if (this.#connection !== connection || connection.state !== HubConnectionState.Connected) return;
        clearInterval(this.#poll);
        this.#poll = null;
        this.#setStatus('live', 'Live');
    }

    /** Without the hub the page still works: it reloads the snapshot at once, then every few seconds until it can connect again. */
    #connectLater(connection) {
        if (this.#connection !== connection) return;
        this.#connection = null;
        this.#watched = null;
        this.#setStatus('offline', `Not live: refreshing every ${pollSeconds} s`);
        this.resync();
        this.#poll ??= setInterval(() => this.resync(), pollSeconds * 1000);
        clearTimeout(this.#retry);
        this.#retry = setTimeout(() => this.#connect(), 5000);
    }

    async #watch() {
        const connection = this.#connection;
        const locationId = this.#target.locationId;
        if (this.#watched === locationId) return;
        if (this.#watched) await connection.invoke('Unwatch', this.#watched).catch(() => {});
        await connection.invoke('Watch', locationId);
        this.#watched = locationId;
    }
}
