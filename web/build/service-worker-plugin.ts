/**
 * A Vite plugin that emits the portal's service worker (web/src/pwa/sw.js) as dist/web/sw.js with
 * the list of files to cache for offline use: every built JS and CSS file, the manifest and the
 * icons. The version is a hash of that list, so a new build replaces the old cache.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export function serviceWorker(options: { template: string; publicDir: string }): Plugin {
  return {
    name: 'waybill-service-worker',
    apply: 'build',
    generateBundle(_output, bundle) {
      const built = Object.keys(bundle).filter((file) => /\.(js|css)$/.test(file));
      const icons = readdirSync(join(options.publicDir, 'icons')).map((file) => `icons/${file}`);
      const files = [...built, ...icons, 'manifest.webmanifest', 'favicon.svg'].map((file) => `/${file}`).sort();
      const version = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 12);
      const source = readFileSync(options.template, 'utf8')
        .replace('self.__WAYBILL_PRECACHE__', JSON.stringify(files))
        .replace('self.__WAYBILL_VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
