// The desk's resync rules (DESIGN.md §3), with a scripted hub and snapshots: `node --test test/` (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Day, Feed, placeOf } from '../src/feed.js';
import { occupiedSpan } from '../src/format.js';

const location = 'loc-1';
const date = '2026-11-23';

const appointment = (id, version, hour = 10) => ({
    id, version, locationId: location, kind: 'appointment', status: 'booked', resourceIds: ['r1'], serviceIds: [], clientId: null,
    start: `${date}T${String(hour).padStart(2, '0')}:00:00+01:00`, durationMinutes: 30,
});
const snapshotOf = (epoch, sequence, ...appointments) =>
    ({ locationId: location, date, timeZone: 'Europe/Warsaw', epoch, sequence, appointments, clients: [] });
const change = (epoch, sequence, a, deleted = false) => ({ locationId: location, epoch, sequence, deleted, appointment: a, client: null });

/** A hub the test drives: it records Watch calls and pushes messages on demand. */
class ScriptedHub {
    state = 'Disconnected';
    handlers = {};
    invocations = [];
    on(name, handler) { this.handlers[name] = handler; }
    onreconnecting(handler) { this.handlers.reconnecting = handler; }
    onreconnected(handler) { this.handlers.reconnected = handler; }
    onclose(handler) { this.handlers.close = handler; }
    async start() { this.state = 'Connected'; }
    async stop() { this.state = 'Disconnected'; }
    async invoke(method, argument) { this.invocations.push(`${method} ${argument}`); }
    push(message) { this.handlers.appointmentChanged(message); }
}

/** Snapshots answered in order; each can be held back until the test releases it. */
function scriptedSnapshots(...snapshots) {
    const requests = [];
    const load = () => new Promise(resolve => {
        const answer = snapshots[Math.min(requests.length, snapshots.length - 1)];
        requests.push({ release: () => resolve(answer) });
    });
    return { load, requests };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

async function liveDesk(...snapshots) {
    const hub = new ScriptedHub();
    const loads = scriptedSnapshots(...snapshots);
    const feed = new Feed({ onDay: () => {}, onStatus: () => {}, onError: e => { throw e; }, hub: () => hub, snapshot: loads.load });
    let shown = false;
    feed.show(location, date).then(() => (shown = true));
    while (!shown || feed.status !== 'live') { // answers the first snapshot and the one loaded after Watch
        await tick();
        for (const request of loads.requests) request.release();
    }
    return { feed, hub, loads };
}

test('a change is placed by epoch and sequence', () => {
    const at = { epoch: 'e1', sequence: 5 };
    assert.equal(placeOf(at, { epoch: 'e1', sequence: 6 }), 'apply');
    assert.equal(placeOf(at, { epoch: 'e1', sequence: 5 }), 'ignore');
    assert.equal(placeOf(at, { epoch: 'e1', sequence: 2 }), 'ignore');
    assert.equal(placeOf(at, { epoch: 'e1', sequence: 7 }), 'resync');
    assert.equal(placeOf(at, { epoch: 'e2', sequence: 6 }), 'resync');
    assert.equal(placeOf({ epoch: null, sequence: 0 }, { epoch: 'e1', sequence: 1 }), 'resync');
});

test('the desk watches its location, loads the snapshot after Watch, then applies changes in order', async () => {
    const { feed, hub, loads } = await liveDesk(snapshotOf('e1', 3, appointment('a', 1)));
    assert.deepEqual(hub.invocations, [`Watch ${location}`]);
    assert.equal(loads.requests.length, 2); // one at once, one after Watch
    hub.push(change('e1', 4, appointment('a', 2, 11)));
    hub.push(change('e1', 5, appointment('b', 1, 12)));
    hub.push(change('e1', 5, appointment('b', 1, 12))); // repeated: ignored
    assert.equal(feed.day.appointments.get('a').version, 2);
    assert.equal(feed.day.appointments.size, 2);
    hub.push(change('e1', 6, appointment('b', 1), true));
    assert.equal(feed.day.appointments.has('b'), false);
    assert.equal(loads.requests.length, 2);
});

test('a gap in the sequence, another epoch, a feedReset or a reconnect reload the snapshot', async () => {
    const { feed, hub, loads } = await liveDesk(snapshotOf('e1', 3), snapshotOf('e1', 3), snapshotOf('e1', 9, appointment('c', 4)));
    hub.push(change('e1', 5, appointment('x', 1))); // 4 is missing
    assert.equal(loads.requests.length, 3);
    loads.requests[2].release();
    await tick();
    assert.deepEqual([...feed.day.appointments.keys()], ['c']);
    assert.equal(feed.day.appointments.has('x'), false);

    hub.push(change('e2', 10, appointment('y', 1)));
    assert.equal(loads.requests.length, 4);
    loads.requests[3].release();
    await tick();

    hub.handlers.feedReset({ locationId: location, epoch: 'e3', sequence: 0 });
    assert.equal(loads.requests.length, 5);
    loads.requests[4].release();
    await tick();

    const reconnected = hub.handlers.reconnected();
    await tick();
    assert.equal(hub.invocations.filter(i => i === `Watch ${location}`).length, 2); // watched again after the reconnect
    assert.equal(loads.requests.length, 6);
    loads.requests[5].release();
    await reconnected;
    assert.equal(feed.status, 'live');
});

test('a lost or closed connection reloads the snapshot at once, before it reconnects', async () => {
    const { feed, hub, loads } = await liveDesk(snapshotOf('e1', 3));
    const before = loads.requests.length;
    hub.handlers.reconnecting();
    assert.equal(loads.requests.length, before + 1);
    loads.requests.at(-1).release();
    await tick();
    hub.handlers.close();
    assert.equal(loads.requests.length, before + 2);
    feed.stop();
});

test('changes that arrive while the snapshot loads wait for it and apply after its sequence', async () => {
    const { feed, hub, loads } = await liveDesk(snapshotOf('e1', 1), snapshotOf('e1', 1), snapshotOf('e1', 4, appointment('a', 3)));
    hub.handlers.feedReset({ locationId: location, epoch: 'e1', sequence: 1 });
    hub.push(change('e1', 4, appointment('a', 3)));     // already in the coming snapshot: ignored
    hub.push(change('e1', 5, appointment('b', 1, 13))); // after it: applied
    hub.push(change('e1', 3, appointment('a', 2)));     // older: ignored
    loads.requests[2].release();
    await tick();
    assert.equal(feed.day.appointments.get('a').version, 3);
    assert.equal(feed.day.appointments.get('b').version, 1);
    assert.equal(loads.requests.length, 3);
});

test('an appointment never goes back to an older version, and leaves the day when it moves away', () => {
    const day = new Day(snapshotOf('e1', 1, appointment('a', 5)));
    assert.equal(day.put(appointment('a', 4, 12)), false);
    assert.equal(day.appointments.get('a').version, 5);
    assert.equal(day.put({ ...appointment('a', 6), start: '2026-11-24T10:00:00+01:00' }), true);
    assert.equal(day.appointments.has('a'), false);
    day.remove('b');
    assert.equal(day.put(appointment('b', 9)), false);

    const reloaded = Day.from(snapshotOf('e1', 2, appointment('a', 5), appointment('c', 1)), day);
    assert.equal(reloaded.appointments.has('a'), false); // the newer version (another day) wins over the stale snapshot
    assert.equal(reloaded.appointments.has('c'), true);
});

test('a hold shows from the snapshot or its change, in sequence, until released or expired', () => {
    const future = new Date(Date.now() + 60000).toISOString();
    const hold = (id, expiresAt = future) => ({ id, locationId: location, resourceIds: ['r1'], start: `${date}T11:00:00+01:00`, end: `${date}T12:00:00+01:00`, expiresAt });
    const day = new Day({ ...snapshotOf('e1', 4), holds: [hold('h1'), hold('h0', new Date(Date.now() - 1).toISOString())] });

    assert.deepEqual(day.liveHolds().map(h => h.id), ['h1']);
    day.hold(hold('h2'), false);
    day.hold(hold('h1'), true);
    assert.deepEqual(day.liveHolds().map(h => h.id), ['h2']);
    assert.equal(placeOf({ epoch: 'e1', sequence: 4 }, { epoch: 'e1', sequence: 5, released: false, hold: hold('h3') }), 'apply');
});

test('a visit keeps the conflicts the snapshot or its latest change names, and a schedule change reloads the day', async () => {
    const away = { appointmentId: 'a', resourceId: 'r1', resourceName: 'Piotr', kind: 'timeOff', note: 'sick all day' };
    const before = snapshotOf('e1', 3, appointment('a', 1));
    const after = { ...snapshotOf('e1', 4, appointment('a', 1)), conflicts: [away] };
    const { feed, hub, loads } = await liveDesk(before, before, after);
    let scheduleNews = 0;
    feed.onSchedule = () => scheduleNews++;
    assert.deepEqual(feed.day.conflicts.get('a'), []);

    hub.handlers.scheduleChanged({ locationId: location, epoch: 'e1', sequence: 4, resourceId: 'r1' });
    assert.equal(scheduleNews, 1);
    assert.equal(loads.requests.length, 3);
    loads.requests[2].release();
    await tick();
    assert.deepEqual(feed.day.conflicts.get('a'), [away]);

    feed.put(appointment('a', 2)); // the desk's own answer names none: what was known stays until the feed says
    assert.deepEqual(feed.day.conflicts.get('a'), [away]);
    hub.push({ ...change('e1', 5, appointment('a', 2, 8)), conflicts: [] }); // moved into working time
    assert.deepEqual(feed.day.conflicts.get('a'), []);
});

test('time taken at another location shows from the snapshot and follows busyElsewhere in sequence, a gap reloading', async () => {
    const busy = (id, hour, resourceIds = ['r1']) => ({
        appointmentId: id, resourceIds, start: `${date}T${hour}:00:00+01:00`, end: `${date}T${hour}:45:00+01:00`, locationId: 'loc-2', locationName: 'Old town', kind: 'appointment',
    });
    const first = { ...snapshotOf('e1', 3), elsewhere: [busy('b1', 10)] };
    const reloaded = { ...snapshotOf('e1', 9), elsewhere: [busy('b3', 16)] };
    const { feed, hub, loads } = await liveDesk(first, first, reloaded);
    assert.deepEqual([...feed.day.elsewhere.keys()], ['b1']);

    hub.handlers.busyElsewhere({ locationId: location, epoch: 'e1', sequence: 4, appointmentId: 'b2', busy: busy('b2', 14) });
    hub.handlers.busyElsewhere({ locationId: location, epoch: 'e1', sequence: 5, appointmentId: 'b1', busy: busy('b1', 11) }); // moved
    assert.equal(feed.day.elsewhere.get('b1').start, `${date}T11:00:00+01:00`);
    hub.handlers.busyElsewhere({ locationId: location, epoch: 'e1', sequence: 6, appointmentId: 'b2', busy: null }); // cancelled there
    assert.deepEqual([...feed.day.elsewhere.keys()], ['b1']);
    const nextDay = { ...busy('b1', 11), start: '2026-11-24T11:00:00+01:00', end: '2026-11-24T12:00:00+01:00' };
    hub.handlers.busyElsewhere({ locationId: location, epoch: 'e1', sequence: 7, appointmentId: 'b1', busy: nextDay }); // moved to another day
    assert.deepEqual([...feed.day.elsewhere.keys()], []);
    assert.equal(loads.requests.length, 2);

    hub.handlers.busyElsewhere({ locationId: location, epoch: 'e1', sequence: 9, appointmentId: 'b3', busy: busy('b3', 16) }); // 8 is missing
    assert.equal(loads.requests.length, 3);
    loads.requests[2].release();
    await tick();
    assert.deepEqual([...feed.day.elsewhere.keys()], ['b3']);
});

test('a resource is busy elsewhere only over its own blocks', () => {
    const block = { appointmentId: 'b1', resourceIds: ['r1'], start: `${date}T10:00:00+01:00`, end: `${date}T11:00:00+01:00`, locationName: 'Old town', kind: 'break' };
    const day = new Day({ ...snapshotOf('e1', 1), elsewhere: [block] });
    const at = time => Date.parse(`${date}T${time}:00+01:00`);
    const taken = { resourceId: 'r1', busy: block };
    assert.deepEqual(day.takenElsewhere(['r1'], at('09:30'), at('10:01')), taken);
    assert.deepEqual(day.takenElsewhere(['r1'], at('10:59'), at('11:30')), taken);
    assert.equal(day.takenElsewhere(['r1'], at('09:00'), at('10:00')), null); // ends as the block starts
    assert.equal(day.takenElsewhere(['r1'], at('11:00'), at('12:00')), null);
    assert.equal(day.takenElsewhere(['r2'], at('10:00'), at('11:00')), null);
    assert.deepEqual(day.takenElsewhere(['r2', 'r1'], at('10:00'), at('11:00')), taken); // names the resource taken
});

test('a visit dragged or resized towards a block meets it with its buffers, in the columns it is dragged to', () => {
    const block = { appointmentId: 'b1', resourceIds: ['r2'], start: `${date}T12:00:00+01:00`, end: `${date}T13:00:00+01:00`, locationName: 'Old town', kind: 'appointment' };
    const day = new Day({ ...snapshotOf('e1', 1), elsewhere: [block] });
    const visit = { ...appointment('a', 1), resourceIds: ['r2'], bufferBeforeMinutes: 0, bufferAfterMinutes: 15 };
    const at = time => Date.parse(`${date}T${time}:00+01:00`);
    // 11:30–11:55 is clear of the block; its 15 minutes of clean-up after are not.
    assert.equal(day.takenElsewhere(['r2'], at('11:30'), at('11:55')), null);
    assert.deepEqual(day.takenElsewhere(['r2'], ...occupiedSpan(visit, at('11:30'), at('11:55'))), { resourceId: 'r2', busy: block });
    assert.equal(day.takenElsewhere(['r2'], ...occupiedSpan(visit, at('11:15'), at('11:45'))), null); // its buffer ends as the block starts
    assert.equal(day.takenElsewhere(['r1'], ...occupiedSpan(visit, at('11:30'), at('11:55'))), null); // another column
});
