// The output folder is replaced whole or not at all. A build works in `.<name>.building-<pid>` beside it; only
// a finished dataset is renamed into place, and the previous one is kept as `.<name>.previous` until the new
// one is there. A crash at any point leaves the previous dataset (or, between the two renames, its copy, which
// the next run puts back). Files in the output folder that the builder does not write (a README, a .gitkeep)
// are carried over into the new folder as hard links.
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface OutputFolder {
  /** Where the build writes the dataset. */
  datasetDir: string;
  /** Scratch space of the build (staging database, spill files), removed with the build folder. */
  workDir: string;
  /** Moves the finished dataset into place. */
  commit(): Promise<void>;
  /** Removes everything the build wrote; the previous dataset is untouched. */
  abandon(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Hard-links (or copies, where links are refused) a file or folder tree. */
async function linkTree(from: string, to: string): Promise<void> {
  if ((await stat(from)).isDirectory()) {
    await mkdir(to, { recursive: true });
    for (const e of await readdir(from)) await linkTree(join(from, e), join(to, e));
  } else {
    await link(from, to).catch(() => copyFile(from, to));
  }
}

/**
 * Prepares a build of the dataset folder `outDir`. `ownEntries` are the names the builder writes; anything else
 * in the folder is the user's and survives the rebuild.
 */
export async function openOutput(outDir: string, ownEntries: readonly string[]): Promise<OutputFolder> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  if (existsSync(join(target, 'package.json')) || existsSync(join(target, '.git')) || resolve(process.cwd()).startsWith(target + '/') || resolve(process.cwd()) === target) {
    throw new Error(`refusing to replace ${target}: it is a project folder, not a dataset folder (give --out a folder of its own, e.g. data/)`);
  }
  await mkdir(parent, { recursive: true });
  const previous = join(parent, `.${name}.previous`);
  // a crash between the two renames of a commit left the previous dataset aside: put it back
  if (!existsSync(target) && existsSync(previous)) await rename(previous, target);
  await rm(previous, { recursive: true, force: true });
  for (const e of await readdir(parent)) {
    const m = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.building-(\\d+)$`).exec(e);
    if (m && !alive(Number(m[1]))) await rm(join(parent, e), { recursive: true, force: true });
  }

  const building = join(parent, `.${name}.building-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  const datasetDir = join(building, 'dataset');
  const workDir = join(building, 'work');
  await mkdir(datasetDir, { recursive: true });
  await mkdir(workDir, { recursive: true });

  return {
    datasetDir,
    workDir,
    async commit() {
      if (existsSync(target)) {
        for (const e of await readdir(target)) if (!ownEntries.includes(e)) await linkTree(join(target, e), join(datasetDir, e));
        await rename(target, previous);
      }
      await rename(datasetDir, target);
      await rm(previous, { recursive: true, force: true });
      await rm(building, { recursive: true, force: true });
    },
    async abandon() {
      await rm(building, { recursive: true, force: true });
    },
  };
}
