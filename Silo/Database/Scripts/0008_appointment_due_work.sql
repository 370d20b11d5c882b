-- The appointments' time-driven work: at most one reminder and one after-end check per appointment, each carrying the
-- version it was planned for. Written (in batches) after every change; read by the scheduler's due-work job, which
-- runs what is due and deletes it. One row per kind, replaced by newer versions only.
CREATE TABLE appointment_due_work
(
    appointment_id uuid        NOT NULL,
    kind           text        NOT NULL,
    version        bigint      NOT NULL,
    due_at         timestamptz NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (appointment_id, kind)
);

CREATE INDEX appointment_due_work_due ON appointment_due_work (due_at);
