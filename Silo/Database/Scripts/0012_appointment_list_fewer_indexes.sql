-- Two of the appointment list's indexes go: every booking wrote an entry in each (about 140 bytes of WAL apiece, a
-- tenth of a booking's WAL between them), for queries that other indexes serve as well.
--
-- Overlap with a period no longer needs the GiST on the interval: no appointment lasts longer than a day (the booking
-- rules refuse it), so one that overlaps [from, to) starts in (from - 1 day, to), a range scan of the start indexes
-- (see PostgresAppointmentReadModel). The stored interval column goes with its index.
--
-- A status filter within a location reads the location's start index and checks the status on the row: within a
-- period that is the period's rows; without one, the location's whole history.

DROP INDEX appointment_list_during;
ALTER TABLE appointment_list DROP COLUMN during;
DROP INDEX appointment_list_location_status;
