/** GeoJSON geometry types used across the platform. Everything stored is WGS-84 (EPSG:4326), [lng, lat]. */
export type Position = [number, number];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];
