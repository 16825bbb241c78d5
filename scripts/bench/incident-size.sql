-- How large ten years of incidents are (docs/scaling.md): 1,000,000 police-export-shaped
-- incidents into a scratch database migrated with Lykta's schema, then their size with every
-- index, and a few per-tenant reads at that size. Never on a database you keep:
--   createdb lykta_scratch && psql -d lykta_scratch -c 'CREATE EXTENSION postgis'
--   DATABASE_URL=postgres://…/lykta_scratch npm run db:migrate
--   psql -d lykta_scratch -f scripts/bench/incident-size.sql
\timing on
INSERT INTO tenants (id, name) VALUES ('stockholm', 'Stockholm') ON CONFLICT DO NOTHING;
INSERT INTO areas (tenant_id, slug, name, kind, geom)
VALUES ('stockholm', 'stad', 'Stockholms stad', 'district',
  ST_Multi(ST_MakeEnvelope(17.75, 59.20, 18.25, 59.45, 4326)));
-- 1,000,000 incidents: ten years, points over the city, police-export shaped rows
-- (an external case number, a SHA-256 content hash, a short description).
INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, external_id, content_hash, description, geom)
SELECT 'stockholm', (SELECT id FROM areas WHERE tenant_id = 'stockholm' AND slug = 'stad'),
  (ARRAY['narcotics','violence','theft','disorder','vandalism','other'])[1 + (g % 6)],
  'police',
  timestamptz '2015-01-01' + (random() * 3652) * interval '1 day',
  'K' || (100000 + g) || '-' || (15 + g % 10),
  encode(sha256(g::text::bytea), 'hex'),
  (ARRAY['Misshandel, utomhus','Stöld ur motorfordon','Narkotikabrott, innehav','Skadegörelse genom klotter','Ofredande','Rån mot person'])[1 + (g % 6)],
  ST_SetSRID(ST_MakePoint(17.75 + random() * 0.5, 59.20 + random() * 0.25), 4326)
FROM generate_series(1, 1000000) AS g;
VACUUM ANALYZE incidents;
SELECT pg_size_pretty(pg_relation_size('incidents')) AS heap,
  pg_size_pretty(pg_total_relation_size('incidents') - pg_relation_size('incidents')) AS indexes_toast,
  pg_size_pretty(pg_total_relation_size('incidents')) AS total,
  pg_total_relation_size('incidents') AS total_bytes, count(*) FROM incidents;
SELECT indexrelid::regclass AS index, pg_size_pretty(pg_relation_size(indexrelid)) AS size, pg_relation_size(indexrelid) AS bytes
FROM pg_index WHERE indrelid = 'incidents'::regclass ORDER BY 3 DESC;
-- one tenant-year of incidents (about 100k here) binned in 200 m hexagons, in 200 m squares of SWEREF 99 TM
SELECT count(*) AS cells, sum(n) AS incidents FROM (
  SELECT round(ST_X(p) / 200) AS i, round(ST_Y(p) / 200) AS j, count(*) AS n
  FROM incidents x
  CROSS JOIN LATERAL ST_Transform(x.geom, 3006) AS p
  WHERE x.tenant_id = 'stockholm' AND x.occurred_at >= '2023-01-01' AND x.occurred_at < '2024-01-01'
  GROUP BY 1, 2) s;
-- a z14 tile's worth (about 2.4 km × 1.2 km at Stockholm) of one year, as an MVT
SELECT length(ST_AsMVT(t)) AS bytes, count(*) FROM (
  SELECT x.id, x.category, ST_AsMVTGeom(ST_Transform(x.geom, 3857), ST_TileEnvelope(14, 9013, 4819)) AS geom
  FROM incidents x
  WHERE x.tenant_id = 'stockholm' AND x.geom && ST_Transform(ST_TileEnvelope(14, 9013, 4819), 4326)
    AND x.occurred_at >= '2023-01-01' AND x.occurred_at < '2024-01-01') t;
-- the same tile over all ten years
SELECT length(ST_AsMVT(t)) AS bytes, count(*) FROM (
  SELECT x.id, x.category, ST_AsMVTGeom(ST_Transform(x.geom, 3857), ST_TileEnvelope(14, 9013, 4819)) AS geom
  FROM incidents x
  WHERE x.tenant_id = 'stockholm' AND x.geom && ST_Transform(ST_TileEnvelope(14, 9013, 4819), 4326)) t;
-- a z12 tile (about 10 km × 5 km), one year
SELECT length(ST_AsMVT(t)) AS bytes, count(*) FROM (
  SELECT x.id, x.category, ST_AsMVTGeom(ST_Transform(x.geom, 3857), ST_TileEnvelope(12, 2253, 1204)) AS geom
  FROM incidents x
  WHERE x.tenant_id = 'stockholm' AND x.geom && ST_Transform(ST_TileEnvelope(12, 2253, 1204), 4326)
    AND x.occurred_at >= '2023-01-01' AND x.occurred_at < '2024-01-01') t;
