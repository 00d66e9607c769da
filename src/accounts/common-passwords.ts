/**
 * The common-password list: the ~49,000 most used passwords of public breach corpora that
 * @zxcvbn-ts/language-common ships as data (no download at install or run time). Only entries of
 * at least the minimum length matter — shorter ones fail the length rule first — which leaves
 * about 18,000, held lower-cased in a set built on first use.
 */
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

type Dictionary = Record<string, readonly string[]>;

let common: Set<string> | null = null;

function dictionary(): Dictionary {
  // A CommonJS module: Node gives its exports as named exports or on `default`, by version.
  const module = zxcvbnCommon as unknown as { dictionary?: Dictionary; default?: { dictionary?: Dictionary } };
  const found = module.dictionary ?? module.default?.dictionary;
  if (found === undefined || !Array.isArray(found['passwords-common'])) throw new Error('@zxcvbn-ts/language-common has no passwords-common list');
  return found;
}

export function commonPasswords(minLength: number): ReadonlySet<string> {
  if (common === null) {
    common = new Set();
    for (const entry of dictionary()['passwords-common']!) if ([...entry].length >= minLength) common.add(entry.toLowerCase());
  }
  return common;
}
