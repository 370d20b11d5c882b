// The staff API client: `node --test test/` (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.sessionStorage = { getItem: () => 'key-1', setItem() {}, removeItem() {} };
const { ApiError, changedElsewhere, onVersion, patch, post } = await import('../src/api.js');

/** Answers every fetch with `status` and `body`, keeping what was sent. */
function serve(status, body) {
    const sent = [];
    globalThis.fetch = async (path, init) => {
        sent.push({ path, ...init });
        return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    };
    return sent;
}

test('a change is sent on the version the desk shows', async () => {
    const sent = serve(200, { id: 'a1', version: 5 });

    await post('/api/appointments/a1/reschedule', { start: '2027-01-20T10:00:00+01:00' }, onVersion({ id: 'a1', version: 4 }));
    await patch('/api/appointments/a1', { durationMinutes: 45 }, onVersion({ id: 'a1', version: 5 }));

    assert.deepEqual(sent.map(r => [r.method, r.headers['If-Match'], r.headers.Authorization]),
        [['POST', '"4"', 'Bearer key-1'], ['PATCH', '"5"', 'Bearer key-1']]);
});

test('a change refused because someone else changed the visit first is told apart from other refusals', async () => {
    serve(412, { title: 'Someone else changed this appointment meanwhile.', code: 'appointment_changed', currentVersion: 6 });
    const refused = await post('/api/appointments/a1/confirm', {}, onVersion({ version: 4 })).catch(error => error);

    assert.ok(refused instanceof ApiError);
    assert.equal(refused.status, 412);
    assert.ok(changedElsewhere(refused));
    serve(409, { code: 'slot_taken' });
    assert.ok(!changedElsewhere(await post('/api/appointments/a1/reschedule', {}).catch(error => error)));
    assert.ok(!changedElsewhere(new Error('appointment_changed')));
});
