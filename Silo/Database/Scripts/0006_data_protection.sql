-- The ASP.NET Core Data Protection key ring of the application "Realtime", shared by every API node and silo
-- (Realtime.Silo.Security.PostgresXmlRepository), so that client link and session tokens made on one node are read on
-- any other. One row per XML element the key manager stores (keys and revocations); rows are only ever added: expired
-- keys stay so that tokens protected with them are recognised as such.
CREATE TABLE data_protection_keys
(
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
