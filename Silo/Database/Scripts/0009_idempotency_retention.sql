-- The hourly StorageRetentionJob finds Idempotency-Keys past their retention without reading the whole grain storage.
CREATE INDEX IF NOT EXISTS orleansstorage_idempotency_modifiedon
    ON orleansstorage (modifiedon)
    WHERE graintypestring = 'idempotency';
