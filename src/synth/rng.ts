// A small seeded PRNG and the samplers the value model needs. Every random draw of the synthetic panel comes
// from a stream derived from (seed, purpose, agency, year), so one report can be regenerated on its own (a copy
// injection regenerates the report it copies) and the same seed always gives the same panel.

/** 32-bit string hash (FNV-1a, then a murmur3 finaliser so nearby strings spread). */
export function hash32(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function fmix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A uniform draw in [0, 1) that depends only on its inputs (no stream state). */
export const hashUnit = (text: string, salt = 0) => hash32(text, salt) / 4294967296;

/** sfc32: fast, 128-bit state, good statistical quality; state is seeded through splitmix-style mixing. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number, ...parts: (string | number)[]) {
    let h = fmix((seed ^ 0x9e3779b9) >>> 0);
    for (const p of parts) h = hash32(String(p), h);
    this.a = fmix(h ^ 0x243f6a88);
    this.b = fmix(h ^ 0x85a308d3);
    this.c = fmix(h ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Log-normal with the given median and log-scale sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Gamma(shape, 1): Marsaglia–Tsang, boosted for shape < 1. */
  gamma(shape: number): number {
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = this.next();
      return this.gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /** Dirichlet around the mean vector `mean` with concentration `kappa` (larger = closer to the mean). */
  dirichlet(mean: readonly number[], kappa: number): number[] {
    const g = mean.map((m) => (m > 0 ? this.gamma(m * kappa) : 0));
    const s = g.reduce((a, b) => a + b, 0);
    return s > 0 ? g.map((x) => x / s) : mean.slice();
  }

  /** Poisson: multiplication method for small means, PTRS (Hörmann 1993) for large ones. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (!Number.isFinite(lambda)) throw new RangeError(`poisson: mean ${lambda}`);
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  }

  /** Negative binomial as a gamma–Poisson mixture: mean `mean`, dispersion `r` (variance = mean + mean²/r). */
  negbin(mean: number, r: number): number {
    if (!(mean > 0)) return 0;
    return this.poisson((mean * this.gamma(r)) / r);
  }

  /**
   * Binomial: inversion when the expected count of the rarer outcome is small, else a normal approximation
   * (rounded and clamped). The approximation is plenty for synthetic counts and keeps the cost O(1).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (mean < 25) {
      // Count the successes by jumping over failures with geometric waiting times.
      const logq = Math.log1p(-p);
      let x = 0;
      let sum = 0;
      for (;;) {
        let u = 0;
        while (u === 0) u = this.next();
        sum += Math.floor(Math.log(u) / logq) + 1;
        if (sum > n) return x;
        x++;
      }
    }
    const k = Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal());
    return k < 0 ? 0 : k > n ? n : k;
  }

  /** Multinomial split of n over the probabilities (conditional binomials). */
  multinomial(n: number, probs: readonly number[]): number[] {
    const out = new Array<number>(probs.length).fill(0);
    let left = n;
    let mass = 1;
    for (let i = 0; i < probs.length - 1 && left > 0; i++) {
      const p = mass > 0 ? Math.min(1, probs[i] / mass) : 0;
      const k = this.binomial(left, p);
      out[i] = k;
      left -= k;
      mass -= probs[i];
    }
    out[probs.length - 1] += left;
    return out;
  }
}

const LOG_FACT_TABLE: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = LOG_FACT_TABLE.length; i <= k; i++) LOG_FACT_TABLE[i] = LOG_FACT_TABLE[i - 1] + Math.log(i);
    return LOG_FACT_TABLE[k];
  }
  // Stirling series: exact enough beyond 255.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
