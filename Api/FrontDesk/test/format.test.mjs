// How appointments and history read on the page: `node --test test/` (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorName, clientName, completable, dayHasCome, elsewhereHtml, elsewhereText, flagsOf } from '../src/format.js';

const clients = new Map([['c1', { id: 'c1', firstName: 'Ewa', lastName: 'Zielińska' }], ['c2', { id: 'c2', firstName: 'Anna', lastName: 'Nowak' }]]);
const visit = { id: 'a1', kind: 'appointment', status: 'booked', confirmed: true, clientId: 'c1', seats: ['c1'], capacity: 1 };

test('a change by a client names the client the desk knows, and staff by their key', () => {
    assert.equal(actorName({ kind: 'client', id: 'c1', name: 'client' }, clients), 'Ewa Zielińska (client)');
    assert.equal(actorName({ kind: 'client', id: 'unknown', name: 'client' }, clients), 'The client');
    assert.equal(actorName({ kind: 'staff', id: 'key-1', name: 'Reception' }, clients), 'Reception');
    assert.equal(actorName(undefined, clients), '');
});

test('a class reads as its seats taken, and says when it is full', () => {
    const yoga = { ...visit, capacity: 3, seats: ['c1', 'c2'] };
    assert.equal(clientName(visit, clients), 'Ewa Zielińska');
    assert.equal(clientName(yoga, clients), 'Class, 2 of 3 seats');
    assert.equal(clientName({ ...yoga, clientId: null, seats: [] }, clients), 'Class, 0 of 3 seats');
    assert.ok(!flagsOf(yoga, clients).some(([key]) => key === 'full'));
    assert.ok(flagsOf({ ...yoga, capacity: 2 }, clients).some(([key]) => key === 'full'));
});

test('a visit is offered for completion from its day at the location on, or once the client arrived', () => {
    const lateToday = Date.parse('2027-09-26T23:30:00+13:00'); // Auckland, on the day its clocks go forward
    const earlyTomorrow = { ...visit, start: '2027-09-27T00:30:00+13:00' }; // an hour later, the same day in UTC
    assert.ok(!completable(earlyTomorrow, 'Pacific/Auckland', lateToday));
    assert.ok(completable({ ...earlyTomorrow, status: 'arrived' }, 'Pacific/Auckland', lateToday));
    assert.ok(completable({ ...visit, start: '2027-09-26T03:30:00+13:00' }, 'Pacific/Auckland', lateToday));
    assert.ok(completable({ ...visit, status: 'past', start: '2027-09-20T10:00:00+12:00' }, 'Pacific/Auckland', lateToday));
    assert.ok(!completable({ ...visit, status: 'cancelled', start: '2027-10-01T10:00:00+13:00' }, 'Pacific/Auckland', lateToday));
});

test('a client is offered to be checked in from the day of the visit at the location on', () => {
    const lateToday = Date.parse('2027-09-26T23:30:00+13:00'); // Auckland, on the day its clocks go forward
    assert.ok(!dayHasCome({ ...visit, start: '2027-09-27T00:30:00+13:00' }, 'Pacific/Auckland', lateToday)); // the same day in UTC
    assert.ok(dayHasCome({ ...visit, start: '2027-09-26T03:30:00+13:00' }, 'Pacific/Auckland', lateToday));
    assert.ok(dayHasCome({ ...visit, start: '2027-09-26T23:45:00+13:00' }, 'Pacific/Auckland', lateToday));
});

test('time taken at another location reads as where, and tells nothing more', () => {
    const busy = { appointmentId: 'b1', resourceIds: ['r1'], start: '2026-11-23T14:00:00Z', end: '2026-11-23T15:15:00Z', locationId: 'l2', locationName: 'Old <town>', kind: 'appointment' };
    assert.equal(elsewhereText(busy, 'Europe/Warsaw'), 'At Old <town> 15:00–16:15');
    assert.equal(elsewhereText({ ...busy, kind: 'break' }, 'Europe/Warsaw'), 'Break at Old <town> 15:00–16:15');
    assert.match(elsewhereHtml(busy, 'Europe/Warsaw'), />At Old &lt;town&gt;<.*>15:00–16:15</);
    assert.equal(elsewhereHtml(undefined, 'Europe/Warsaw'), '');
});
