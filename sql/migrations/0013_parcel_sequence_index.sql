-- The map labels a parcel by the end of its 宗地代码 (GB00112: 权属/权利类型 letters and the 5-digit sequence), so
-- people search by that end; a prefix index cannot answer it. This one finds a sequence among all parcels of a city.
CREATE INDEX parcel_sequence_idx ON parcel ((substr(parcel_code, 15, 5)), parcel_code);
COMMENT ON INDEX parcel_sequence_idx IS 'Parcels by 宗地顺序号 (characters 15–19 of the 宗地代码): the search for a map label such as GB00112 or 00112 (parcels-by-sequence.sql).';
