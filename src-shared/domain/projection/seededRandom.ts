/**
 * A small deterministic random generator, so that a Monte Carlo run with the
 * same seed gives the same figures on every machine and in every runtime
 * (Node, the browser, a Web Worker).
 *
 * Algorithm: sfc32 ("Small Fast Counter", Chris Doty-Humphrey, from the
 * PractRand suite; passes PractRand and BigCrush) on four 32-bit words. The
 * state is filled from the seed with splitmix32 and the first 15 outputs are
 * discarded, so nearby seeds (1, 2, 3...) give unrelated streams. Uniform
 * numbers are the 32-bit output divided by 2^32, in [0, 1). Normal numbers
 * use Marsaglia's polar method, which yields two independent standard normal
 * values per accepted pair; the second is kept for the next call.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Standard normal (mean 0, standard deviation 1). */
  nextNormal(): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new RangeError(`The random seed must be a finite number; got ${String(seed)}`);
  return new Sfc32Random(seed);
}

class Sfc32Random implements SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number) {
    // splitmix32 over the seed's integer part and its fraction, so 1.5 and 1 differ.
    let state = (Math.floor(seed) ^ Math.round((seed % 1) * 0x7fffffff)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextFloat() - 1;
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpare = true;
    return u * factor;
  }
}
