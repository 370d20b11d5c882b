-- The grain state's key index in the order rows are made. Its key began with a hash of the grain id, so every new
-- appointment's row went to a random leaf of the index, and PostgreSQL logs a page whole at its first change after
-- each checkpoint: about 4.5 KB of WAL per booking in the first 200 bookings after a checkpoint, nine tenths of the
-- page images a booking wrote. Appointment ids are time-ordered (UUID version 7), and grain_key_order gives back the
-- millisecond in which such an id was made, from the first half of the id as Orleans' provider stores it (the .NET
-- guid's first four bytes, then the next two, little-endian). Leading with it, new appointments' entries land at the
-- right edge of the index. Other keys (random guids, strings, integers) sort as arbitrarily as before. The function
-- only adds a column derived from grainidn0, so the index is unique exactly when the old one was.

CREATE FUNCTION grain_key_order(grainidn0 bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((grainidn0 & 4294967295) << 16) | ((grainidn0 >> 32) & 65535);

CREATE UNIQUE INDEX orleansstorage_key_in_time_order ON orleansstorage
    (grain_key_order(grainidn0), grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

DROP INDEX orleansstorage_key_ux;
