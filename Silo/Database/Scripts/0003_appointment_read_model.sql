-- The appointment list: a read model of every appointment's latest recorded version, for lists, filters and
-- reports. Written only by the appointment projection (Realtime.Silo.ReadModel.PostgresAppointmentReadModel),
-- at least once per change and in any order across retries, so every write is an upsert that only a newer
-- version wins:  INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE target.version < excluded.version.
-- A deleted appointment stays as a tombstone row (deleted = true, with its version) so that an older version
-- arriving later cannot bring it back; every query reads "NOT deleted".
--
-- The filter columns are copies of fields of the view; "view" is the whole appointment (without its history,
-- which only grows and which lists do not show) as System.Text.Json wrote it, enums as strings.
-- Enum columns hold the C# names: kind Appointment|Break, status Booked|Arrived|Completed|Cancelled|NoShow|Past,
-- cancellation_reason Business|Client. starts_at/ends_at are [start, end) without buffers.

CREATE TABLE appointment_list
(
    id                  uuid        NOT NULL PRIMARY KEY,
    version             bigint      NOT NULL CHECK (version > 0),
    deleted             boolean     NOT NULL,
    organization_id     uuid        NOT NULL,
    location_id         uuid        NOT NULL,
    kind                text        NOT NULL,
    status              text        NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    during              tstzrange   NOT NULL GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    resource_ids        uuid[]      NOT NULL,
    client_id           uuid        NULL,
    source              text        NULL,
    cancellation_reason text        NULL,
    view                jsonb       NOT NULL,
    projected_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);

-- A location's calendar and reports: one location, ordered by start.
CREATE INDEX appointment_list_location_start ON appointment_list (organization_id, location_id, starts_at)
    WHERE NOT deleted;

-- The whole organisation (no location filter), ordered by start.
CREATE INDEX appointment_list_organization_start ON appointment_list (organization_id, starts_at)
    WHERE NOT deleted;

-- Overlap with a period ("during && tstzrange(from, to)"), whatever the length of the appointment.
CREATE INDEX appointment_list_during ON appointment_list USING gist (during)
    WHERE NOT deleted;

-- One client's appointments.
CREATE INDEX appointment_list_client ON appointment_list (organization_id, client_id, starts_at)
    WHERE NOT deleted AND client_id IS NOT NULL;

-- One resource's appointments ("resource_ids @> ARRAY[id]").
CREATE INDEX appointment_list_resources ON appointment_list USING gin (resource_ids)
    WHERE NOT deleted;

-- Status filters within a location.
CREATE INDEX appointment_list_location_status ON appointment_list (organization_id, location_id, status, starts_at)
    WHERE NOT deleted;
