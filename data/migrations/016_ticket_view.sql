-- tcrm schema 16: the Tickets view's order from indexes (issue 14).
--
-- The view lists tickets by state (new, in progress, waiting, resolved,
-- closed), then by the deadline that runs (a new ticket's response
-- deadline, the others' resolution deadline), then id. Sorting every
-- ticket for each page took 57 ms a key at 200,000 tickets; with these
-- two indexes each state is one index range read in order, a page at a
-- time (tcrm_ticket_page_by_state). They also serve `due` and the
-- reminder pane, so the partial index of open tickets goes.
DROP INDEX tickets_open;
CREATE INDEX tickets_by_state_response ON tickets(state, response_due);
CREATE INDEX tickets_by_state_resolve ON tickets(state, resolve_due);
