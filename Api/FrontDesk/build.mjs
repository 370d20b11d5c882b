// Bundles the front-desk page into ../wwwroot/frontdesk (served by the API at /frontdesk).
//   node build.mjs           one production build
//   node build.mjs --watch   rebuild on every change (reload the page yourself)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'wwwroot', 'frontdesk');
const watch = process.argv.includes('--watch');

/** index.html with each bundle's content hash as a query string, so a new build is never served from a stale cache. */
const writeIndex = {
    name: 'index-html',
    setup(build) {
        build.onEnd(result => {
            if (result.errors.length > 0) return;
            const version = file => createHash('sha256').update(readFileSync(join(out, file))).digest('hex').slice(0, 12);
            const html = readFileSync(join(here, 'src', 'index.html'), 'utf8')
                .replace('app.css', `app.css?v=${version('app.css')}`)
                .replace('app.js', `app.js?v=${version('app.js')}`);
            writeFileSync(join(out, 'index.html'), html);
        });
    },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const options = {
    entryPoints: { app: join(here, 'src', 'main.js') },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2023', 'chrome120', 'firefox117', 'safari17'],
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: !watch,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [writeIndex],
};

if (watch) {
    await (await esbuild.context(options)).watch();
    console.log(`Watching; output in ${out}`);
} else {
    await esbuild.build(options);
    console.log(`Front desk built into ${out}`);
}
