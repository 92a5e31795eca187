-- The survey kinds (reference table), in their usual order.
SELECT code, name_en, stages, geometry_role, official_land_area, family, geometry_required, unit_areas FROM survey_kind ORDER BY sort_order
