-- What a tile shows, as one digest (its ETag): the attributes of every row of ogc-tile-<collection>.sql (spliced in
-- at the placeholder, parameters $1..$6) — ids, status, supersession and the establishing result — and the parcels it
-- lists (for the audit). It changes exactly when a result covering the tile is accepted, superseded or its parcel's
-- lineage changes (and when a covering parcel's own attributes are edited).
SELECT md5(coalesce(string_agg(f.props::text, '|' ORDER BY f.props::text), '')) AS digest,
  coalesce(array_agg(DISTINCT f.props ->> 'parcelCode'), '{}') AS parcel_codes
FROM (/*ROWS*/) f
