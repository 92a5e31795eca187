-- How many features an items query of a collection matches: its own query (spliced in at the placeholder by
-- features.service.ts, with its parameters, the limit set one above the cap) counted, so no second copy of its
-- conditions can drift apart from it.
SELECT count(*)::int AS n FROM (/*ROWS*/) q
