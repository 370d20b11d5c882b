-- Table designs for the same bookings, replayed in SQL with no server: what each writes to the WAL. Created in a schema
-- of Realtime's database, so that the sketches copy its tables (columns, defaults, constraints, indexes) as they are now.
-- Bookings are those of the write-amplification scenario: one resource, visits filling one day after another (the
-- harness passes its calendar: the opening time, the visit's length, visits a day), one after the other, each in its
-- own transaction(s).
DROP SCHEMA IF EXISTS wal_designs CASCADE;
CREATE SCHEMA wal_designs;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A time-ordered id (UUID version 7), as Realtime makes appointment ids.
CREATE FUNCTION wal_designs.v7() RETURNS uuid LANGUAGE sql AS $$
    SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid $$;

-- grainidn0 as Orleans stores a time-ordered id: grain_key_order gives back its millisecond.
CREATE FUNCTION wal_designs.grain_n0(millisecond bigint) RETURNS bigint LANGUAGE sql AS $$
    SELECT (floor(random() * 32767)::bigint << 48) | ((millisecond & 65535) << 32) | (millisecond >> 16) $$;

-- The baseline's table, as the baseline service creates it.
CREATE TABLE wal_designs.bookings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    resource_id uuid NOT NULL,
    during tstzrange NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    EXCLUDE USING gist (resource_id WITH =, during WITH &&));

-- The baseline's table able to answer the list's reads as Realtime's list does: a location's and an organisation's
-- appointments over a period (the exclusion constraint's GiST answers a resource's).
CREATE TABLE wal_designs.bookings_listed (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL,
    location_id uuid NOT NULL,
    resource_id uuid NOT NULL,
    during tstzrange NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    EXCLUDE USING gist (resource_id WITH =, during WITH &&));
CREATE INDEX ON wal_designs.bookings_listed (organization_id, location_id, lower(during));
CREATE INDEX ON wal_designs.bookings_listed (organization_id, lower(during));

-- The obvious service storing what Realtime's list stores: its row, its indexes, and the exclusion constraint.
CREATE TABLE wal_designs.listed_bookings (LIKE public.appointment_list INCLUDING ALL);
ALTER TABLE wal_designs.listed_bookings ADD COLUMN resource_id uuid NOT NULL,
    ADD EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, ends_at) WITH &&);

-- Realtime's tables as they are (LIKE leaves out storage parameters: the grain state's fill factor is script 0011's).
CREATE TABLE wal_designs.grain_state (LIKE public.orleansstorage INCLUDING ALL);
ALTER TABLE wal_designs.grain_state SET (fillfactor = 80);
CREATE TABLE wal_designs.appointment_list (LIKE public.appointment_list INCLUDING ALL);
CREATE TABLE wal_designs.appointment_due_work (LIKE public.appointment_due_work INCLUDING ALL);

-- One row per appointment that is its state, its list entry and its next due instant at once; the state column keeps
-- what the list's columns do not (its length, history and outbox).
CREATE TABLE wal_designs.appointments (LIKE public.appointment_list INCLUDING ALL);
ALTER TABLE wal_designs.appointments ADD COLUMN state text NOT NULL, ADD COLUMN due_at timestamptz;
CREATE INDEX ON wal_designs.appointments (due_at) WHERE due_at IS NOT NULL;

-- The same row as an appointment grain would write it: the calendar day first (another grain, which must accept the
-- time before the appointment is written), then the row, then, once the side effects have run, the mark that its
-- outbox was handed on (which the list's version vouches for now). Room is left on each page so that the mark is a
-- heap-only update.
CREATE TABLE wal_designs.appointments_marked (LIKE wal_designs.appointments INCLUDING ALL);
ALTER TABLE wal_designs.appointments_marked ADD COLUMN handed_on bigint NOT NULL DEFAULT 0, SET (fillfactor = 90);

DO $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = 'wal_designs' LOOP
        EXECUTE format('ALTER TABLE wal_designs.%I SET (autovacuum_enabled = off)', name);
    END LOOP;
END $$;

-- Every design starts on empty tables: two designs share a table, and a GIN index's pending list that an earlier
-- design filled would be merged, at a cost of its own, during a later one.
CREATE PROCEDURE wal_designs.empty() LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('wal_designs.%I', tablename), ', ') FROM pg_tables WHERE schemaname = 'wal_designs');
END $$;

-- A calendar day's write, as Realtime's calendar partition makes it: a new row for the day's first reservation, then
-- the whole day again with the newest reservation first.
CREATE PROCEDURE wal_designs.reserve(resource uuid, appointment uuid, starts timestamptz, visit_minutes int) LANGUAGE plpgsql AS $$
DECLARE
    day_key text := replace(resource::text, '-', '') || '/' || to_char(starts AT TIME ZONE 'UTC', 'YYYY-MM-DD');
    reservation text := format('["%s","%s",%s]', appointment, to_char(starts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), visit_minutes);
BEGIN
    UPDATE wal_designs.grain_state
       SET version = version + 1, modifiedon = now(),
           payloadbinary = convert_to('{"Reservations":[' || reservation || ',' || substr(convert_from(payloadbinary, 'UTF8'), 18), 'UTF8')
     WHERE grain_key_order(grainidn0) = 0 AND grainidhash = hashtext(day_key) AND grainidextensionstring = day_key;
    IF NOT FOUND THEN
        INSERT INTO wal_designs.grain_state (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
            grainidextensionstring, serviceid, version, payloadbinary)
        VALUES (hashtext(day_key), 0, 0, hashtext('resource-calendar'), 'resource-calendar', day_key, current_database(), 1,
            convert_to('{"Reservations":[' || reservation || ']}', 'UTF8'));
    END IF;
END $$;

CREATE PROCEDURE wal_designs.replay(design text, bookings int, opens interval, visit_minutes int, visits_a_day int)
LANGUAGE plpgsql AS $$
DECLARE
    organization uuid := gen_random_uuid();
    location uuid := gen_random_uuid();
    resource uuid := gen_random_uuid();
    actor uuid := gen_random_uuid();
    first_day timestamptz := date_trunc('day', now()) + interval '1 day';
    starts timestamptz;
    ends timestamptz;
    appointment uuid;
    booked_at text;
    -- The appointment's list entry by column name, as the list writes a new booking; each design takes the columns
    -- its table has (jsonb_populate_record) and adds its own.
    listed jsonb;
    -- One row per appointment: the list entry, the rest of the state beside the list's columns, and the due instant.
    one_row jsonb;
BEGIN
    FOR n IN 0 .. bookings - 1 LOOP
        starts := first_day + (n / visits_a_day) * interval '1 day' + opens + (n % visits_a_day) * visit_minutes * interval '1 minute';
        ends := starts + visit_minutes * interval '1 minute';
        appointment := wal_designs.v7();
        booked_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"0+00:00"');
        listed := jsonb_build_object('id', appointment, 'version', 1, 'deleted', false, 'organization_id', organization,
            'location_id', location, 'kind', 'Visit', 'status', 'Booked', 'starts_at', starts, 'ends_at', ends,
            'resource_ids', jsonb_build_array(resource), 'source', 'phone', 'projected_at', now(), 'start_offset_minutes', 0,
            'service_ids', '[]'::jsonb, 'buffer_before_minutes', 0, 'buffer_after_minutes', 0, 'confirmed', false,
            'labels', '[]'::jsonb, 'first_consultation', false, 'asap', false, 'payment_due', false, 'client_reschedules', 0,
            'created_at', now(), 'updated_at', now(), 'seats', '[]'::jsonb, 'capacity', 1);
        one_row := listed || jsonb_build_object('due_at', ends, 'state', format(
            '{"Timing":{"DurationMinutes":%s},"History":[{"At":"%s","Actor":{"Id":"%s","Name":"Owner"},"Action":"booked"}],'
            '"Outbox":[{"Version":1}]}', visit_minutes, booked_at, actor));
        CASE design
        WHEN 'baseline' THEN
            INSERT INTO wal_designs.bookings (resource_id, during) VALUES (resource, tstzrange(starts, ends));
            COMMIT;
        WHEN 'baseline with the list''s indexes' THEN
            INSERT INTO wal_designs.bookings_listed (organization_id, location_id, resource_id, during)
            VALUES (organization, location, resource, tstzrange(starts, ends));
            COMMIT;
        WHEN 'the list''s row with an exclusion constraint' THEN
            INSERT INTO wal_designs.listed_bookings
            SELECT * FROM jsonb_populate_record(NULL::wal_designs.listed_bookings, listed || jsonb_build_object('resource_id', resource));
            COMMIT;
        WHEN 'Realtime''s tables' THEN
            CALL wal_designs.reserve(resource, appointment, starts, visit_minutes);
            COMMIT;
            INSERT INTO wal_designs.grain_state (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                serviceid, version, payloadbinary)
            VALUES (hashtext(appointment::text), wal_designs.grain_n0((extract(epoch FROM clock_timestamp()) * 1000)::bigint),
                hashtext(reverse(appointment::text)), hashtext('appointment'), 'appointment', current_database(), 1,
                convert_to(format('{"Id":"%s","Version":1,"OrganizationId":"%s","LocationId":"%s","ResourceIds":["%s"],'
                    '"Start":"%s","Timing":{"DurationMinutes":%s},"Source":"phone","History":[{"Version":1,"At":"%s",'
                    '"Actor":{"Id":"%s","Name":"Owner"},"Action":"booked"}],"Outbox":[{"Version":1}]}',
                    appointment, organization, location, resource, to_char(starts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
                    visit_minutes, booked_at, actor), 'UTF8'));
            COMMIT;
            INSERT INTO wal_designs.appointment_list SELECT * FROM jsonb_populate_record(NULL::wal_designs.appointment_list, listed);
            COMMIT;
            INSERT INTO wal_designs.appointment_due_work (appointment_id, version, close_at) VALUES (appointment, 1, ends);
            COMMIT;
        WHEN 'one row per appointment, written by grains' THEN
            CALL wal_designs.reserve(resource, appointment, starts, visit_minutes);
            COMMIT;
            INSERT INTO wal_designs.appointments_marked
            SELECT * FROM jsonb_populate_record(NULL::wal_designs.appointments_marked, one_row || '{"handed_on": 0}');
            COMMIT;
            UPDATE wal_designs.appointments_marked SET handed_on = 1 WHERE id = appointment;
            COMMIT;
        WHEN 'one row per appointment', 'one row per appointment, no stored calendar' THEN
            IF design = 'one row per appointment' THEN
                CALL wal_designs.reserve(resource, appointment, starts, visit_minutes);
            END IF;
            INSERT INTO wal_designs.appointments
            SELECT * FROM jsonb_populate_record(NULL::wal_designs.appointments, one_row);
            COMMIT;
        END CASE;
    END LOOP;
END $$;
