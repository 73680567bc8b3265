import { useCallback, useState } from 'react';
import type { AreaGeometry } from './geojson-file';

let seq = 0;
const newKey = () => `p${++seq}`;

/** The boundaries being drawn: one ('main') for create/redraw/merge, several parts for a split. */
export function usePartsState() {
  const [keys, setKeys] = useState<string[]>(['main']);
  const [geoms, setGeoms] = useState<Record<string, AreaGeometry | null>>({});
  const [active, setActive] = useState('main');

  const reset = useCallback((split: boolean, main: AreaGeometry | null = null) => {
    const ks = split ? [newKey(), newKey()] : ['main'];
    setKeys(ks);
    setGeoms(split ? {} : { main });
    setActive(ks[0]);
    return ks;
  }, []);
  const setGeom = useCallback((k: string, g: AreaGeometry | null) => setGeoms((prev) => ({ ...prev, [k]: g })), []);
  const add = useCallback(() => {
    const k = newKey();
    setKeys((ks) => [...ks, k]);
    setActive(k);
    return k;
  }, []);
  const remove = useCallback((k: string) => {
    setKeys((ks) => {
      const next = ks.filter((x) => x !== k);
      setActive((a) => (a === k ? next[0] : a));
      return next;
    });
    setGeoms((prev) => ({ ...prev, [k]: null }));
  }, []);
  /** An uploaded file: several polygons fill the parts in order (adding parts as needed). */
  const fill = useCallback(
    (list: AreaGeometry[], split: boolean) => {
      if (!split || list.length === 1) return setGeom(active, list.length === 1 ? list[0] : merge(list));
      const ks = [...keys];
      while (ks.length < list.length) ks.push(newKey());
      setKeys(ks);
      setGeoms((prev) => ({ ...prev, ...Object.fromEntries(list.map((g, i) => [ks[i], g])) }));
    },
    [active, keys, setGeom],
  );
  return { keys, geoms, active, setActive, reset, setGeom, add, remove, fill };
}

function merge(list: AreaGeometry[]): AreaGeometry {
  return { type: 'MultiPolygon', coordinates: list.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) };
}
