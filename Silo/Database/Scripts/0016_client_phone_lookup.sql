-- Claims on a phone number (no two clients of an organisation share one by mistake) look up, once per number, the
-- clients listed with exactly its digits; the trigram index serves searches by part of a number, not this.
CREATE INDEX client_list_phone ON client_list (organization_id, phone_digits) WHERE NOT deleted AND phone_digits <> '';
