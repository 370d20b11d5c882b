// Wall-clock times of a location on days when its clocks change: `node --test test/` (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Day } from '../src/feed.js';
import { changeText, clockChanges, clockText, dayRange, passOf, shiftWall, skippedBy, stretchOf, wallInstants, wallToIso } from '../src/zone.js';

const iso = ms => new Date(ms).toISOString();

test('a wall-clock time in a gap moves forward by the gap, in a zone ahead of UTC and behind it', () => {
    // Warsaw 2027-03-28: 02:00 → 03:00.
    assert.equal(wallToIso('2027-03-28T02:30', 'Europe/Warsaw'), '2027-03-28T03:30:00+02:00');
    // Santiago 2027-09-05: 00:00 → 01:00. Never back to the evening before.
    assert.equal(wallToIso('2027-09-05T00:30', 'America/Santiago'), '2027-09-05T01:30:00-03:00');
    assert.equal(wallToIso('2027-09-05T00:00', 'America/Santiago'), '2027-09-05T01:00:00-03:00');
});

test('a wall-clock time that happens twice is its first time, in a zone ahead of UTC and behind it (as the server reads it)', () => {
    // Warsaw 2027-10-31: 03:00 → 02:00.
    assert.equal(wallToIso('2027-10-31T02:30', 'Europe/Warsaw'), '2027-10-31T02:30:00+02:00');
    assert.equal(wallToIso('2027-10-31T03:00', 'Europe/Warsaw'), '2027-10-31T03:00:00+01:00');
    // Santiago 2027-04-04: 00:00 → 23:00 of the 3rd.
    assert.equal(wallToIso('2027-04-03T23:30', 'America/Santiago'), '2027-04-03T23:30:00-03:00');
    assert.equal(wallToIso('2027-04-04T00:00', 'America/Santiago'), '2027-04-04T00:00:00-04:00');
});

test('a day has 23 or 25 hours when the clocks change, and starts at its first wall-clock time', () => {
    const hours = ([from, to]) => (to - from) / 3600000;
    assert.equal(hours(dayRange('2027-03-28', 'Europe/Warsaw')), 23);
    assert.equal(hours(dayRange('2027-10-31', 'Europe/Warsaw')), 25);
    assert.equal(hours(dayRange('2027-04-03', 'America/Santiago')), 25);
    assert.equal(hours(dayRange('2027-09-04', 'America/Santiago')), 24);
    assert.deepEqual(dayRange('2027-09-05', 'America/Santiago').map(iso), ['2027-09-05T04:00:00.000Z', '2027-09-06T03:00:00.000Z']);
    assert.equal(hours(dayRange('2027-09-05', 'America/Santiago')), 23);
});

test('the conversion does not depend on the time zone of the machine', () => {
    assert.equal(wallToIso('2026-11-23T10:00', 'Europe/Warsaw'), '2026-11-23T10:00:00+01:00');
    assert.equal(wallToIso('2026-11-23T10:00', 'America/Santiago'), '2026-11-23T10:00:00-03:00');
});

test('a visit late on the evening before clocks skip midnight stays on its day (Santiago, 2027-09-04 23:30)', () => {
    const late = {
        id: 'a1', version: 1, locationId: 'loc-1', kind: 'appointment', status: 'booked', resourceIds: ['r1'],
        start: '2027-09-04T23:30:00-04:00', durationMinutes: 30,
    };
    const snapshot = date => ({ locationId: 'loc-1', date, timeZone: 'America/Santiago', epoch: 1, sequence: 1, appointments: [late], clients: [] });
    assert.ok(new Day(snapshot('2027-09-04')).appointments.has('a1'));
    assert.ok(!new Day(snapshot('2027-09-05')).appointments.has('a1'));
});

test('a drag along the grid moves the wall-clock time, and keeps a time shown twice in its own pass of the hour', () => {
    assert.equal(shiftWall('2027-10-31T02:15:00', { seconds: 15 * 60 }), '2027-10-31T02:30:00');
    assert.equal(shiftWall('2027-04-03T23:30:00', { days: 1, seconds: -3600 }), '2027-04-04T22:30:00');
    // Warsaw's second 02:15 (+01:00) moved 15 minutes on is its second 02:30, not the first, 45 minutes earlier.
    assert.equal(wallToIso('2027-10-31T02:30', 'Europe/Warsaw', 60), '2027-10-31T02:30:00+01:00');
    assert.equal(wallToIso('2027-10-31T02:30', 'Europe/Warsaw', 120), '2027-10-31T02:30:00+02:00');
    assert.equal(wallToIso('2027-10-31T03:30', 'Europe/Warsaw', 120), '2027-10-31T03:30:00+01:00');
});

test('a wall-clock time names no instant in a gap, two in an hour shown twice, one otherwise', () => {
    assert.deepEqual(wallInstants('2027-03-28T02:15', 'Europe/Warsaw'), []);
    assert.deepEqual(wallInstants('2027-10-31T02:15', 'Europe/Warsaw').map(iso), ['2027-10-31T00:15:00.000Z', '2027-10-31T01:15:00.000Z']);
    assert.deepEqual(wallInstants('2027-10-31T03:00', 'Europe/Warsaw').map(iso), ['2027-10-31T02:00:00.000Z']);
    assert.deepEqual(wallInstants('2027-04-03T23:30', 'America/Santiago').map(iso), ['2027-04-04T02:30:00.000Z', '2027-04-04T03:30:00.000Z']);
    assert.deepEqual(wallInstants('2027-09-05T00:30', 'America/Santiago'), []);
});

test('a time shown twice reads as its 1st or 2nd pass; other times read as they are', () => {
    assert.equal(clockText('2027-10-31T02:15:00+02:00', 'Europe/Warsaw'), '02:15 (1st)');
    assert.equal(clockText('2027-10-31T02:15:00+01:00', 'Europe/Warsaw'), '02:15 (2nd)');
    assert.equal(clockText('2027-10-31T01:59:00+02:00', 'Europe/Warsaw'), '01:59');
    assert.equal(clockText('2027-10-31T03:00:00+01:00', 'Europe/Warsaw'), '03:00');
    assert.equal(passOf(Date.parse('2027-04-03T23:30:00-04:00'), 'America/Santiago'), 2);
    assert.equal(passOf(Date.parse('2027-04-03T23:30:00-03:00'), 'America/Santiago'), 1);
});

test('a day knows the wall-clock times its clocks skip or show twice, also when the change is at midnight', () => {
    assert.deepEqual(clockChanges('2027-03-28', 'Europe/Warsaw'), [{ kind: 'forward', from: 120, to: 180, offsets: [60, 120] }]);
    assert.deepEqual(clockChanges('2027-10-31', 'Europe/Warsaw'), [{ kind: 'back', from: 120, to: 180, offsets: [120, 60] }]);
    assert.deepEqual(clockChanges('2027-10-30', 'Europe/Warsaw'), []);
    // Santiago: 2027-04-04 00:00 -03 → 2027-04-03 23:00 -04; 2027-09-05 00:00 -04 → 01:00 -03.
    assert.deepEqual(clockChanges('2027-04-03', 'America/Santiago'), [{ kind: 'back', from: 23 * 60, to: 24 * 60, offsets: [-180, -240] }]);
    assert.deepEqual(clockChanges('2027-04-04', 'America/Santiago'), []);
    assert.deepEqual(clockChanges('2027-09-04', 'America/Santiago'), []);
    assert.deepEqual(clockChanges('2027-09-05', 'America/Santiago'), [{ kind: 'forward', from: 0, to: 60, offsets: [-240, -180] }]);
    assert.deepEqual(clockChanges('2027-03-28', 'Asia/Tokyo'), []);
});

test('a time the clocks skip is named with its change; a time that exists, also at the end of a gap, is not', () => {
    const change = skippedBy('2027-03-28T02:15', 'Europe/Warsaw');
    assert.equal(changeText(change), 'the clocks move forward from 02:00 to 03:00');
    assert.equal(changeText(skippedBy('2027-03-28T02:00', 'Europe/Warsaw')), 'the clocks move forward from 02:00 to 03:00');
    assert.equal(skippedBy('2027-03-28T03:00', 'Europe/Warsaw'), undefined);
    // Something that ends as the clocks jump ends at an instant that exists; a minute later it would not.
    assert.equal(skippedBy('2027-03-28T02:00', 'Europe/Warsaw', true), undefined);
    assert.equal(changeText(skippedBy('2027-03-28T02:05', 'Europe/Warsaw', true)), 'the clocks move forward from 02:00 to 03:00');
    assert.equal(skippedBy('2027-10-31T02:15', 'Europe/Warsaw'), undefined);
    assert.equal(changeText(skippedBy('2027-09-05T00:30', 'America/Santiago')), 'the clocks move forward from 00:00 to 01:00');
    assert.equal(changeText(clockChanges('2027-04-03', 'America/Santiago')[0]), 'the clocks go back from 00:00 to 23:00');
});

test('a stretch selected on the grid is as long as it looks, from the pass of an hour shown twice that makes it so', () => {
    assert.deepEqual(stretchOf('2027-10-31T02:10:00', '2027-10-31T02:40:00', 'Europe/Warsaw'), { offset: 120, minutes: 30 });
    assert.deepEqual(stretchOf('2027-10-31T02:40:00', '2027-10-31T03:10:00', 'Europe/Warsaw'), { offset: 60, minutes: 30 });
    assert.deepEqual(stretchOf('2027-10-31T01:30:00', '2027-10-31T02:30:00', 'Europe/Warsaw'), { offset: 120, minutes: 60 });
    // Across the hour the clocks skip, it is the hour that passes.
    assert.deepEqual(stretchOf('2027-03-28T01:30:00', '2027-03-28T03:30:00', 'Europe/Warsaw'), { offset: 60, minutes: 60 });
    assert.deepEqual(stretchOf('2027-03-28T10:00:00', '2027-03-28T10:45:00', 'Europe/Warsaw'), { offset: 120, minutes: 45 });
});
