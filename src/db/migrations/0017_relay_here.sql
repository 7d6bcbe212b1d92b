-- A writer whose own process runs a relay loop wakes that loop itself after its commit
-- (LocalRelay), and says so with reservoir.relay_here = on for its transaction: its commit then
-- sends no NOTIFY. PostgreSQL takes a database-wide lock to queue notices at commit, which
-- serialises every notifying commit; on the hold path it cost about a fifth of the throughput.
-- Every other writer, and any process without a relay, still wakes the relays through NOTIFY.
CREATE OR REPLACE FUNCTION "outbox_events_wake"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('reservoir.relay_here', true), '') <> 'on' THEN
    PERFORM pg_notify('reservoir_outbox', '');
  END IF;
  RETURN NULL;
END
$$;
