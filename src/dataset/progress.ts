// The progress bar of a command that builds a dataset (ingest, demo-data): done / total, rate, ETA and rejects on
// stderr (a line every 5 s when stderr is not a terminal). Ctrl-C stops the bar and leaves through `interrupted`,
// which says the previous dataset is unchanged (the build folder is cleaned up by the next run).
import cliProgress from 'cli-progress';
import type { BuildOptions } from './build';

export interface BuildProgress {
  /** To pass as `buildDataset`'s `onProgress`. */
  onProgress: NonNullable<BuildOptions['onProgress']>;
  stop(): void;
}

export function buildProgress(command: string, total: number, interrupted: () => void): BuildProgress {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${command} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | rejected {rejected}`,
      etaBuffer: 500,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: '0', rejected: 0 });
  process.once('SIGINT', () => {
    bar.stop();
    interrupted();
  });
  return {
    onProgress: ({ done, rejected }) => {
      const rate = done / ((performance.now() - started) / 1000);
      bar.update(done, { rate: rate.toFixed(rate < 10 ? 1 : 0), rejected });
    },
    stop: () => bar.stop(),
  };
}
