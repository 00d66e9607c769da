/**
 * A Vite plugin that writes a gzip and a brotli copy beside each built JS and CSS file
 * (index-3f9a….js.gz, .br), which the server sends to browsers that accept them
 * (@fastify/static preCompressed): the app's ~350 kB of script crosses the network as ~100 kB.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export function precompress(): Plugin {
  return {
    name: 'waybill-precompress',
    apply: 'build',
    writeBundle(output, bundle) {
      const dir = output.dir;
      if (dir === undefined) return;
      for (const file of Object.keys(bundle).filter((name) => /^assets\/.*\.(js|css)$/.test(name))) {
        const path = join(dir, file);
        const source = readFileSync(path);
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
      }
    },
  };
}
