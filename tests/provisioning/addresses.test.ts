/** Address keys: the fast form answers exactly what addressKey answers, for every kind of address. */
import { addressKey, addressKeyOf } from '../../src/provisioning/addresses';

/** A small deterministic generator (no dependency): the same strings on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const PIECES = ['a', 'z', 'A', 'Z', '0', '9', '.', '@', '_', '-', "'", ' ', '\t', '\n', '\u00a0', '\ufeff', '\u2003', 'é', 'É', 'İ', 'ß', 'ǅ', '\u0130', 'K', '\u212a'];

describe('addressKeyOf', () => {
  it('answers what addressKey answers (trimmed, lower case) for 20,000 generated addresses', () => {
    const next = random(7);
    for (let n = 0; n < 20000; n++) {
      let address = '';
      const length = Math.floor(next() * 12);
      for (let i = 0; i < length; i++) {
        address += PIECES[Math.floor(next() * PIECES.length)] as string;
      }
      expect(addressKeyOf(address)).toBe(addressKey(address));
    }
  });

  it('answers the address itself when it is already a key, and a key otherwise', () => {
    const upn = 'adele.vance@contoso.onmicrosoft.com';
    expect(addressKeyOf(upn)).toBe(upn);
    expect(addressKeyOf('Adele.Vance@Contoso.com')).toBe('adele.vance@contoso.com');
    expect(addressKeyOf(' adele@contoso.com ')).toBe('adele@contoso.com');
    expect(addressKeyOf('\u00a0adele@contoso.com')).toBe('adele@contoso.com');
    expect(addressKeyOf('ÉLODIE@contoso.com')).toBe('élodie@contoso.com');
    expect(addressKeyOf('')).toBe('');
  });
});
