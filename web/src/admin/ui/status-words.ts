/**
 * A kind of record's statuses in words: each status's label and pill tone, and the statuses in the
 * order they are written (for a filter's choices). Pure.
 *
 *   const jobs = statusVocabulary<JobStatus>({ queued: { label: 'Queued', tone: 'warning' }, … });
 *   jobs.statuses   // ['queued', …]
 *   jobs.words('queued')   // { label: 'Queued', tone: 'warning' }
 */
import type { Tone } from './tones.js';

export interface StatusWords {
  label: string;
  tone: Tone;
}

export interface StatusVocabulary<S extends string> {
  readonly statuses: readonly S[];
  words(status: S): StatusWords;
}

export function statusVocabulary<S extends string>(words: Readonly<Record<S, StatusWords>>): StatusVocabulary<S> {
  return { statuses: Object.keys(words) as S[], words: (status) => words[status] };
}
