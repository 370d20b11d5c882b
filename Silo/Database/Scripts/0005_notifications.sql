-- The notification outbox: one row per message to send (e-mail, SMS, webhook delivery), written by the notification
-- effect of appointments and by the birthday greetings (Realtime.Grains.Notifications), worked through by the
-- dispatcher of every silo (Realtime.Silo.Notifications.NotificationDispatcher) and listed by the API
-- (GET /api/appointments/{id}/notifications).
--
-- Queueing is idempotent: the effect runs at least once per appointment change, and a repeat hits the unique key
-- (appointment, client, version, kind, channel, recipient) and inserts nothing ("ON CONFLICT DO NOTHING"). Birthday
-- greetings have no appointment; their appointment_version is the year, so a client is greeted once a year.
-- NULLS NOT DISTINCT (PostgreSQL 15) makes the key hold for those rows too.
--
--   kind     booked | rescheduled | cancelled | reminder | client_change | birthday | webhook:<event>
--   channel  email | sms | webhook;  recipient: an e-mail address, a phone number, or the webhook URL
--   status   pending -> sent, or pending -> failed-retrying (-> ...) -> sent | dead
--   attempts attempts started; a dispatcher claims a due row by counting an attempt and moving next_attempt_at to the
--            end of its lease (UPDATE ... FOR UPDATE SKIP LOCKED), so several silos never take the same row at once,
--            and a row whose dispatcher died is taken again when the lease runs out.
-- A row is not claimed while an earlier version of the same appointment waits (pending or failed-retrying) for the
-- same recipient on the same channel: each webhook endpoint (and each client) gets the changes in version order.

CREATE TABLE notifications
(
    id                  uuid        NOT NULL PRIMARY KEY,
    organization_id     uuid        NOT NULL,
    appointment_id      uuid        NULL,
    appointment_version bigint      NOT NULL,
    client_id           uuid        NULL,
    kind                text        NOT NULL,
    channel             text        NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    recipient           text        NOT NULL,
    endpoint_id         uuid        NULL,
    subject             text        NULL,
    body                text        NOT NULL,
    status              text        NOT NULL DEFAULT 'pending'
                                    CHECK (status IN ('pending', 'sent', 'failed-retrying', 'dead')),
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at     timestamptz NOT NULL,
    last_error          text        NULL,
    created_at          timestamptz NOT NULL,
    sent_at             timestamptz NULL,
    CHECK (appointment_id IS NOT NULL OR client_id IS NOT NULL),
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL))
);

CREATE UNIQUE INDEX notifications_idempotency
    ON notifications (appointment_id, client_id, appointment_version, kind, channel, recipient) NULLS NOT DISTINCT;

-- What is due: the dispatchers' poll.
CREATE INDEX notifications_due ON notifications (next_attempt_at)
    WHERE status IN ('pending', 'failed-retrying');

-- Version order: is an earlier version still waiting for this recipient?
CREATE INDEX notifications_waiting_in_order ON notifications (appointment_id, channel, recipient, appointment_version)
    WHERE status IN ('pending', 'failed-retrying');

-- One appointment's messages, for the API.
CREATE INDEX notifications_appointment ON notifications (organization_id, appointment_id, created_at)
    WHERE appointment_id IS NOT NULL;
