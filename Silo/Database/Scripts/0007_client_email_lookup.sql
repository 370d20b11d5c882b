-- Sign-in links: a client is found by organisation and exact e-mail address. Addresses are stored trimmed and
-- lower-cased by the client grain, so the lookup compares the column as it is.
CREATE INDEX client_list_email ON client_list (organization_id, email) WHERE NOT deleted;
