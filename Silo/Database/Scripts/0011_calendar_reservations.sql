-- Resource calendars as rows: one per reservation, under one version row per partition (a resource's UTC day), in
-- place of a JSON state in orleansstorage that was rewritten whole at each booking. Written only by
-- Realtime.Silo.Storage.PostgresCalendarStorage: a write names the partition's version it read and, if that version
-- still stands, moves it on and makes the rows the reservations the calendar holds; otherwise it changes nothing.
-- An interval crossing midnight has a row in each day it touches; starts_at/ends_at include the buffers.

CREATE TABLE calendar_partition
(
    resource_id uuid    NOT NULL,
    day         date    NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    PRIMARY KEY (resource_id, day)
)
-- Room on each page for the version's updates, which then stay on their page and touch no index (HOT updates).
WITH (fillfactor = 50);

CREATE TABLE calendar_reservation
(
    resource_id    uuid        NOT NULL,
    day            date        NOT NULL,
    appointment_id uuid        NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    CHECK (ends_at > starts_at),
    PRIMARY KEY (resource_id, day, appointment_id, starts_at, ends_at)
);

-- The calendars written before this script, with their versions, so that an activation holding an ETag still matches.
INSERT INTO calendar_partition (resource_id, day, version)
SELECT left(grainidextensionstring, 32)::uuid, substr(grainidextensionstring, 34)::date, version
  FROM orleansstorage
 WHERE graintypestring = 'resource-calendar' AND payloadbinary IS NOT NULL;

INSERT INTO calendar_reservation (resource_id, day, appointment_id, starts_at, ends_at)
SELECT DISTINCT left(c.grainidextensionstring, 32)::uuid, substr(c.grainidextensionstring, 34)::date,
       (r ->> 'AppointmentId')::uuid, (r -> 'Occupied' ->> 'Start')::timestamptz, (r -> 'Occupied' ->> 'End')::timestamptz
  FROM orleansstorage c, jsonb_array_elements(convert_from(c.payloadbinary, 'UTF8')::jsonb -> 'Reservations') AS r
 WHERE c.graintypestring = 'resource-calendar' AND c.payloadbinary IS NOT NULL;

DELETE FROM orleansstorage WHERE graintypestring = 'resource-calendar';
