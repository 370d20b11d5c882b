-- The appointment list keeps each field of an appointment in a column of its type instead of a jsonb copy of the
-- whole view: a new booking's row is about a quarter of the size it was (the view's keys, its values as text and
-- its derived members made up most of it), and so is the WAL it writes; reading a page no longer parses JSON.
-- Only the two nested parts that are usually absent stay JSON (camelCase, enums as names, as the view was), null
-- when the appointment has none. The start keeps the offset it was given in (start_offset_minutes); the duration is
-- ends_at - starts_at. Rows written before this script are converted from their view.

ALTER TABLE appointment_list
    ADD COLUMN start_offset_minutes  smallint,
    ADD COLUMN service_ids           uuid[],
    ADD COLUMN buffer_before_minutes integer,
    ADD COLUMN buffer_after_minutes  integer,
    ADD COLUMN confirmed             boolean,
    ADD COLUMN price                 numeric,
    ADD COLUMN labels                text[],
    ADD COLUMN comments              jsonb,
    ADD COLUMN notes                 text,
    ADD COLUMN first_consultation    boolean,
    ADD COLUMN asap                  boolean,
    ADD COLUMN payment_due           boolean,
    ADD COLUMN client_reschedules    integer,
    ADD COLUMN cancellation          jsonb,
    ADD COLUMN created_at            timestamptz,
    ADD COLUMN updated_at            timestamptz,
    ADD COLUMN seats                 uuid[],
    ADD COLUMN capacity              integer;

-- System.Text.Json wrote every DateTimeOffset with its offset as ±hh:mm.
UPDATE appointment_list SET
    start_offset_minutes  = CASE WHEN left(right(view ->> 'start', 6), 1) = '-' THEN -1 ELSE 1 END
                            * (substr(right(view ->> 'start', 5), 1, 2)::int * 60 + right(view ->> 'start', 2)::int),
    service_ids           = ARRAY(SELECT jsonb_array_elements_text(view -> 'serviceIds'))::uuid[],
    buffer_before_minutes = (view ->> 'bufferBeforeMinutes')::int,
    buffer_after_minutes  = (view ->> 'bufferAfterMinutes')::int,
    confirmed             = (view ->> 'confirmed')::boolean,
    price                 = (view ->> 'price')::numeric,
    labels                = ARRAY(SELECT jsonb_array_elements_text(view -> 'labels')),
    comments              = NULLIF(view -> 'comments', '[]'::jsonb),
    notes                 = view ->> 'notes',
    first_consultation    = (view ->> 'firstConsultation')::boolean,
    asap                  = (view ->> 'asap')::boolean,
    payment_due           = (view ->> 'paymentDue')::boolean,
    client_reschedules    = (view ->> 'clientReschedules')::int,
    cancellation          = NULLIF(view -> 'cancellation', 'null'::jsonb),
    created_at            = (view ->> 'createdAt')::timestamptz,
    updated_at            = (view ->> 'updatedAt')::timestamptz,
    seats                 = ARRAY(SELECT jsonb_array_elements_text(view -> 'seats'))::uuid[],
    capacity              = (view ->> 'capacity')::int;

ALTER TABLE appointment_list
    ALTER COLUMN start_offset_minutes SET NOT NULL,
    ALTER COLUMN service_ids SET NOT NULL,
    ALTER COLUMN buffer_before_minutes SET NOT NULL,
    ALTER COLUMN buffer_after_minutes SET NOT NULL,
    ALTER COLUMN confirmed SET NOT NULL,
    ALTER COLUMN labels SET NOT NULL,
    ALTER COLUMN first_consultation SET NOT NULL,
    ALTER COLUMN asap SET NOT NULL,
    ALTER COLUMN payment_due SET NOT NULL,
    ALTER COLUMN client_reschedules SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ALTER COLUMN seats SET NOT NULL,
    ALTER COLUMN capacity SET NOT NULL,
    DROP COLUMN view;
