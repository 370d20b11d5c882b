-- A client's appointments include the group classes they hold a seat in, not only those they booked. Only groups
-- (capacity above one) have seats worth finding, so the index leaves every ordinary appointment out: it costs their
-- writes nothing.
CREATE INDEX appointment_list_seats ON appointment_list USING gin (seats) WHERE capacity > 1;
