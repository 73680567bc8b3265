/**
 * Seeded randomness for the demo generator. Math.random is never used: the same input and seed must give
 * byte-identical territory on every run, so every stream is derived from (seed, purpose) by hashing.
 */

/** FNV-1a over the UTF-16 code units; good enough to spread seeds, not for anything secret. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A 32-bit seed for one purpose, e.g. subSeed(seed, '231102', 'atoms'). */
export function subSeed(seed: number, ...parts: (string | number)[]): number {
  let h = hashString(String(seed >>> 0));
  for (const part of parts) h = hashString(`|${part}`, h);
  return mix32(h);
}

/** Stateless hash of two integers to [0, 1): used for symmetric per-edge noise. */
export function hashPair(a: number, b: number, seed: number): number {
  let h = mix32((a * 0x9e3779b1) ^ seed);
  h = mix32(h ^ Math.imul(b, 0x85ebca6b));
  return h / 4294967296;
}

function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast and plenty for synthetic geography. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/** Code-unit order, independent of the process locale (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
