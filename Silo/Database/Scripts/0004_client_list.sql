-- The client list (seed 004): a read model of every client's latest recorded version, for the list page (search,
-- sort by name, paging, total) and the CSV export. Written only by the client projection
-- (Realtime.Silo.ReadModel.Clients.PostgresClientReadModel), at least once per change and in any order across
-- retries, so every write is an upsert that only a newer version wins:
--   INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE target.version < excluded.version.
-- A deleted client stays as a tombstone row (deleted = true, with its version, every personal field emptied) so that
-- an older version arriving later cannot bring it back; every query reads "NOT deleted".
--
-- Search and sort columns are computed in C# (Realtime.Grains.Domain.Clients.ClientSearchText), never in SQL, so
-- that every store folds text the same way:
--   search_text      first name, last name and e-mail, lower-cased, diacritics removed (Unicode FormD without
--                    combining marks, plus ł->l, ø->o, ß->ss, ...), separated by single spaces;
--   phone_digits     the digits of the phone number ('' for none);
--   sort_last_name, sort_first_name   the folded names, compared byte-wise (COLLATE "C") like C#'s ordinal compare.
-- A search word matches as a substring ("search_text LIKE '%word%'"), served by a trigram index.
--
-- The date of a client's last appointment is not stored here: queries read it from appointment_list (the latest
-- starts_at among the client's appointments that are not cancelled, past or future), through the partial index
-- at the end of this script.

-- pg_trgm ships with PostgreSQL (Debian: the postgresql-15 package) and is a trusted extension since PostgreSQL 13:
-- a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE client_list
(
    id              uuid        NOT NULL PRIMARY KEY,
    organization_id uuid        NOT NULL,
    version         bigint      NOT NULL CHECK (version > 0),
    deleted         boolean     NOT NULL,
    first_name      text        NOT NULL,
    last_name       text        NOT NULL,
    email           text        NOT NULL,
    phone           text        NULL,
    gender          text        NULL,
    birth_date      date        NULL,
    note            text        NULL,
    language        text        NOT NULL,
    blacklisted     boolean     NOT NULL,
    search_text     text        NOT NULL,
    phone_digits    text        NOT NULL,
    sort_last_name  text        COLLATE "C" NOT NULL,
    sort_first_name text        COLLATE "C" NOT NULL,
    projected_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT deleted OR (first_name = '' AND last_name = '' AND email = '' AND phone IS NULL AND gender IS NULL
                           AND birth_date IS NULL AND note IS NULL AND search_text = '' AND phone_digits = ''))
);

-- One organisation's list in name order, both ways (a btree is read backwards for "-name"), and keyset paging of
-- the export: (sort_last_name, sort_first_name, id) > (...).
CREATE INDEX client_list_name ON client_list (organization_id, sort_last_name, sort_first_name, id)
    WHERE NOT deleted;

-- Search by parts of names and e-mails, and by parts of phone numbers.
CREATE INDEX client_list_search_text ON client_list USING gin (search_text gin_trgm_ops)
    WHERE NOT deleted;

-- (Not partial on phone_digits <> '': a phone search ORs both conditions, and a BitmapOr needs an index whose
-- predicate the query implies.)
CREATE INDEX client_list_phone_digits ON client_list USING gin (phone_digits gin_trgm_ops)
    WHERE NOT deleted;

-- A client's last appointment: max(starts_at) over the client's appointments that are not cancelled.
CREATE INDEX appointment_list_client_last_start ON appointment_list (organization_id, client_id, starts_at DESC)
    WHERE NOT deleted AND client_id IS NOT NULL AND status <> 'Cancelled';
