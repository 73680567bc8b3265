import type { PathOptions } from 'leaflet';
import type { GridKind } from '../../../common/schemas/grids';

export const gridKindColors: Record<GridKind, string> = {
  urban: '#1677ff',
  rural: '#389e0d',
  exclusive: '#d46b08',
};

/** Thin outlines at city zoom keep 3,800 polygons readable; thicker once zoomed in. */
export function gridStyle(kind: GridKind, zoom: number, selected = false): PathOptions {
  const color = gridKindColors[kind] ?? '#595959';
  if (selected) return { color: '#c8102e', weight: 3, fillColor: color, fillOpacity: 0.45 };
  return {
    color,
    weight: zoom < 10 ? 0.4 : zoom < 13 ? 1 : 1.5,
    fillColor: color,
    fillOpacity: zoom < 10 ? 0.35 : 0.2,
  };
}

export const microGridStyle: PathOptions = { color: '#722ed1', weight: 1, dashArray: '4 3', fillOpacity: 0.05 };
export const countyStyle: PathOptions = { color: '#434343', weight: 2, fill: false };
export const historyStyle: PathOptions = { color: '#cf1322', weight: 2, dashArray: '6 4', fillOpacity: 0.08 };
