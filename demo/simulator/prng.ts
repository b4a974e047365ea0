/** Small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export type Random = () => number;

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A GUID-shaped string from the PRNG (deterministic, version-4 layout). */
export function randomGuid(random: Random): string {
  const word = (): string => ((random() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const a = word();
  const b = word();
  const c = word();
  const d = word();
  const variant = (8 + (parseInt(c.charAt(0), 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}
