-- An appointment's due work in one row instead of one row per kind: a booking writes one row and two index entries
-- instead of two and four. Each kind keeps its own instant (null once done or not planned) and attempts; due_at is the
-- earlier of the two, which the scheduler's job reads by. A row is deleted once neither kind is left.
--
-- The table is locked first, so that silos still running wait for the copy rather than write a row that the copy would
-- miss and the drop lose.

LOCK TABLE appointment_due_work IN ACCESS EXCLUSIVE MODE;

CREATE TABLE appointment_due_work_row
(
    appointment_id  uuid        NOT NULL PRIMARY KEY,
    version         bigint      NOT NULL,
    remind_at       timestamptz NULL,
    remind_attempts integer     NOT NULL DEFAULT 0,
    close_at        timestamptz NULL,
    close_attempts  integer     NOT NULL DEFAULT 0,
    due_at          timestamptz NOT NULL GENERATED ALWAYS AS (least(remind_at, close_at)) STORED
);

-- Both kinds are planned together with one version, so the kinds' versions differ only for work that a newer change
-- has since replaced.
INSERT INTO appointment_due_work_row (appointment_id, version, remind_at, remind_attempts, close_at, close_attempts)
SELECT appointment_id,
       max(version),
       max(due_at) FILTER (WHERE kind = 'Reminder'),
       coalesce(max(attempts) FILTER (WHERE kind = 'Reminder'), 0),
       max(due_at) FILTER (WHERE kind = 'AfterEnd'),
       coalesce(max(attempts) FILTER (WHERE kind = 'AfterEnd'), 0)
  FROM appointment_due_work
 GROUP BY appointment_id;

DROP TABLE appointment_due_work;
ALTER TABLE appointment_due_work_row RENAME TO appointment_due_work;
ALTER INDEX appointment_due_work_row_pkey RENAME TO appointment_due_work_pkey;
CREATE INDEX appointment_due_work_due ON appointment_due_work (due_at);
