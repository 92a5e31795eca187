-- A batch of staged plots (parallel arrays: position in the file, line, 地块编号, 地块面积 and 界址点数 as written).
INSERT INTO staged_plot (plot_no, line, parcel_code, declared, point_count)
SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[])
