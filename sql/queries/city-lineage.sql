-- Splits of the synthetic city: each retired parcel (地籍区 008) gave way to the first two parcels of its block, whose
-- accepted 权籍调查 made them (one event each; rows keyed by the parcel they describe). Recorded by $1.
WITH event AS (
  SELECT cp.predecessor_code, gen_random_uuid() AS event_id, '焦不动产变〔' || (2017 + cp.n % 5) || '〕' || cp.n || '号' AS change_no,
    array_agg(s.parcel_code ORDER BY s.parcel_code) AS successors
  FROM city_parcel cp JOIN city_parcel s ON s.block_no = cp.block_no AND s.split_successor
  WHERE cp.split_successor AND cp.k = 0
  GROUP BY cp.predecessor_code, cp.n
), retired AS (
  INSERT INTO parcel_retirement (parcel_code, event_id, kind, successor_codes, change_no, recorded_by)
  SELECT predecessor_code, event_id, 'split', successors::char(19)[], change_no, $1 FROM event
  RETURNING 1
), made AS (
  INSERT INTO parcel_lineage (parcel_code, event_id, kind, predecessor_codes, survey_id, change_no, recorded_by)
  SELECT s.parcel_code, e.event_id, 'split', ARRAY[e.predecessor_code]::char(19)[], s.land_id, e.change_no, $1
  FROM event e JOIN city_parcel s ON s.parcel_code = ANY (e.successors)
  RETURNING 1
)
SELECT (SELECT count(*) FROM retired) AS retired, (SELECT count(*) FROM made) AS lineage
