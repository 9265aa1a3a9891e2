import { describe, expect, it } from 'vitest';
import { mapOrdered } from '../../src/dataset/ordered';

describe('mapOrdered', () => {
  it('keeps the input order whatever order the work finishes in, with bounded work in flight', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 1, 20, 1, 10, 1, 5, 1];
    async function* lazy() {
      for (let i = 0; i < delays.length; i++) yield i;
    }
    const out: number[] = [];
    for await (const v of mapOrdered(lazy(), 3, async (i) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, delays[i]));
      running--;
      return i * 10;
    })) out.push(v);
    expect(out).toEqual(delays.map((_, i) => i * 10));
    expect(most).toBeLessThanOrEqual(3);
  });

  it('passes a failure on at its place in the order', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const v of mapOrdered([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error('two');
        return i;
      })) seen.push(v);
    };
    await expect(run()).rejects.toThrow('two');
    expect(seen).toEqual([1]);
  });
});
