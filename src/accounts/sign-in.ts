/**
 * Signing in with an email and a password, for customers and staff alike: the throttle first (a
 * client over its limit gets 429 before any password is checked), then the password, with the same
 * answer and about the same time for an unknown email as for a wrong password.
 */
import type { Executor } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { SessionKind } from '../platform/http/sessions.js';
import { deviceKey, ipKey, type Client } from './browser-session.js';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './passwords.js';
import { KNOWN_CLIENT_MS, signInBlock } from './throttle-rules.js';
import { clearCounter, emailKey, hit, knownClients, pruneCounters, readCounters, rememberClient } from './throttle.repository.js';

export interface PasswordHolder {
  id: string;
  passwordHash: string | null;
}

export interface SignInPorts {
  db: Executor;
  now: Date;
  /** The account or user with this (normalized) email. */
  find(email: string): Promise<PasswordHolder | null>;
  /** Stores a stronger hash of the same password (parameters raised since it was set). */
  rehash(id: string, hash: string): Promise<void>;
}

export function rateLimited(seconds: number, what: string): AppError {
  return new AppError('rate_limited', `${what}; retry in ${seconds} s`, { retry_after: seconds });
}

export const WRONG_CREDENTIALS = 'The email or the password is wrong';

/** The signed-in subject's id, or throws unauthorized / rate_limited. */
export async function signInWithPassword(ports: SignInPorts, kind: SessionKind, input: { email: string; password: string }, client: Client): Promise<string> {
  const { db, now } = ports;
  const holder = await ports.find(input.email);
  const account = emailKey(`signin:${kind}`, input.email);
  const device = client.deviceToken === null ? null : deviceKey(client.deviceToken);
  const ip = ipKey(client.ip);
  const known = holder === null ? new Set<string>() : await knownClients(db, holder.id, device === null ? [ip] : [device, ip], new Date(now.getTime() - KNOWN_CLIENT_MS));
  const knownDevice = device !== null && known.has(device);
  // A device the account knows is its own client; any other browser is its IP.
  const clientKey = knownDevice ? device! : ip;
  const keys = { client: `signin:${kind}:client:${account}:${clientKey}`, ip: `signin:${kind}:ip:${client.ip}`, account: `signin:${kind}:account:${account}` };
  const counters = await readCounters(db, Object.values(keys));
  const wait = signInBlock({ client: counters.get(keys.client), ip: counters.get(keys.ip), account: counters.get(keys.account) }, { knownDevice, knownIp: known.has(ip) }, now);
  if (wait !== null) throw rateLimited(wait, 'Too many failed sign-ins');

  const ok = holder?.passwordHash ? await verifyPassword(input.password, holder.passwordHash) : await verifyNothing(input.password);
  if (!ok || holder === null) {
    for (const key of Object.values(keys)) await hit(db, key, now);
    throw new AppError('unauthorized', WRONG_CREDENTIALS);
  }
  await clearCounter(db, keys.client);
  await rememberClient(db, holder.id, ip, now);
  await pruneCounters(db, now);
  if (needsRehash(holder.passwordHash!)) await ports.rehash(holder.id, await hashPassword(input.password));
  return holder.id;
}

/** After a success the device is known to the subject (the caller has set its cookie). */
export async function rememberDevice(db: Executor, subjectId: string, deviceToken: string, now: Date): Promise<void> {
  await rememberClient(db, subjectId, deviceKey(deviceToken), now);
}
