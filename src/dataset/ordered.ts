// Concurrent work over a lazy sequence, results in the sequence's order: at most `concurrency` items are being
// worked on or waiting to be taken, so a slow item holds the line but memory stays bounded.

export async function* mapOrdered<T, U>(items: AsyncIterable<T> | Iterable<T>, concurrency: number, work: (item: T) => Promise<U>): AsyncGenerator<U> {
  const pending: Promise<U>[] = [];
  for await (const item of items) {
    const p = work(item);
    p.catch(() => undefined); // taken in order below; an early failure must not count as unhandled meanwhile
    pending.push(p);
    if (pending.length >= concurrency) yield await pending.shift()!;
  }
  while (pending.length) yield await pending.shift()!;
}
