// Builds the dashboard (Svelte 5 SPA) and ships the dataset with it: the Parquet files of NIANBAO_DATA (default
// data/) are served under ./data/ in dev and copied into dist/data/ with a manifest at build, so dist/ works from
// any static server, offline. Tests and the benchmark point NIANBAO_DATA at their own datasets.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const TABLES = ['reports', 'agencies', 'checks', 'cells', 'prose'];

function datasetPlugin(dir: string): Plugin {
  const files = () => (existsSync(dir) ? readdirSync(dir).filter((f) => TABLES.includes(f.replace(/\.parquet$/, '')) && f.endsWith('.parquet')) : []);
  const manifest = () => {
    const list = files();
    const stats = list.map((f) => statSync(join(dir, f)));
    const newest = stats.reduce((m, s) => Math.max(m, s.mtimeMs), 0);
    return {
      files: Object.fromEntries(list.map((f, i) => [f.replace(/\.parquet$/, ''), stats[i].size])),
      dataDate: newest ? new Date(newest).toISOString().slice(0, 10) : '',
    };
  };
  return {
    name: 'nianbao-dataset',
    configResolved(config) {
      if (config.command === 'build' && !files().includes('reports.parquet')) {
        config.logger.warn(`nianbao: no reports.parquet in ${dir}; the dashboard will say the data is missing (run npm run demo-data, or set NIANBAO_DATA)`);
      }
    },
    configureServer(server) {
      server.middlewares.use('/data/', (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\//, ''));
        if (name === 'manifest.json') {
          res.setHeader('Content-Type', 'application/json');
          return res.end(JSON.stringify(manifest()));
        }
        if (!files().includes(name)) return next();
        const path = join(dir, name);
        const size = statSync(path).size;
        res.setHeader('Accept-Ranges', 'bytes');
        res.setHeader('Content-Type', 'application/octet-stream');
        const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
        if (m) {
          const start = m[1] ? Number(m[1]) : size - Number(m[2]);
          const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
          res.statusCode = 206;
          res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
          res.setHeader('Content-Length', end - start + 1);
          return createReadStream(path, { start, end }).pipe(res);
        }
        res.setHeader('Content-Length', size);
        createReadStream(path).pipe(res);
      });
    },
    writeBundle(options) {
      const out = join(options.dir ?? 'dist', 'data');
      mkdirSync(out, { recursive: true });
      for (const f of files()) copyFileSync(join(dir, f), join(out, f));
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest()));
    },
  };
}

/**
 * The page asks for DuckDB's wasm (the exception-handling build every current browser takes) and the dataset's
 * manifest as the HTML is parsed, before the app's script has loaded: src/db/client.ts compiles the wasm from
 * this response and reads the manifest from it.
 */
function preloadDuckDB(): Plugin {
  return {
    name: 'nianbao-preload-duckdb',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const wasm = Object.keys(ctx.bundle ?? {}).find((f) => /(^|\/)duckdb-eh-[\w-]+\.wasm$/.test(f));
        const preload = (href: string, type: string) => ({ tag: 'link', attrs: { rel: 'preload', href, as: 'fetch', type, crossorigin: '' }, injectTo: 'head' as const });
        return [preload('./data/manifest.json', 'application/json'), ...(wasm ? [preload(`./${wasm}`, 'application/wasm')] : [])];
      },
    },
  };
}

const dataDir = resolve(process.env.NIANBAO_DATA ?? 'data');

export default defineConfig({
  base: './',
  plugins: [svelte(), datasetPlugin(dataDir), preloadDuckDB()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  preview: { port: 4173 },
  server: { port: 5173 },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
