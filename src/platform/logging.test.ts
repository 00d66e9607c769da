import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, scrubberOf } from './logging.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

const CONFIGURED = 'sk_test_configured_secret_9f8e7d';
const WITH_QUOTE = 'pa"ss\\word-with-escapes';

describe('the logger', () => {
  it('redacts secret-named fields at any depth, in errors too', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'trace', secrets: [], destination });
    const error = Object.assign(new Error('carrier said no'), { config: { headers: { Authorization: 'Basic dXNlcjpodW50ZXIy', 'X-Trace': 'kept' } }, response: { body: { access_token: 'at_123456789' } } });
    logger.error({ err: error, request: { body: { email: 'a@b.co', password: 'hunter2-hunter2', nested: { new_password: 'n3w-p4ss', csrf_token: 'csrf-abc-123' } } }, headers: { cookie: 'a=b', 'stripe-signature': 't=1,v1=abc' } }, 'failed');
    const line = lines.join('');
    for (const secret of ['dXNlcjpodW50ZXIy', 'at_123456789', 'hunter2-hunter2', 'n3w-p4ss', 'csrf-abc-123', 'a=b', 't=1,v1=abc']) expect(line).not.toContain(secret);
    expect(line).toContain('kept');
    expect(line).toContain('a@b.co');
    expect(line).toContain('carrier said no');
    expect(JSON.parse(line).request.body.password).toBe(REDACTED);
  });

  it('scrubs configured secrets from messages and values, as written, JSON-escaped or percent-encoded', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', secrets: [CONFIGURED, WITH_QUOTE], destination });
    logger.info({ url: `https://api.example/x?k=${encodeURIComponent(WITH_QUOTE)}`, note: `the key is ${CONFIGURED}` }, `quoting ${WITH_QUOTE}`);
    const line = lines.join('');
    expect(line).not.toContain(CONFIGURED);
    expect(line).not.toContain(JSON.stringify(WITH_QUOTE).slice(1, -1));
    expect(line).not.toContain(encodeURIComponent(WITH_QUOTE));
    expect(JSON.parse(line).note).toBe(`the key is ${REDACTED}`);
  });

  it('scrubs what Waybill makes at run time: API keys, webhook secrets, bearer tokens, cookies, tokens in URLs and tracking paths', () => {
    const scrub = scrubberOf([]);
    const apiKey = `wb_${'A1b2C3d4'.repeat(4)}`;
    const out = scrub(
      JSON.stringify({
        msg: `key ${apiKey} and whsec_c2VjcmV0c2VjcmV0c2VjcmV0`,
        header: 'Bearer some.jwt.value',
        cookie: 'wb_session=abcDEF123; __Host-wb_staff_session=xyz789; wb_device=dev456',
        url: '/account/verify-email?token=tok_abc&x=1',
        track: '/api/v1/track/trk_0123456789abcdef',
      }),
    );
    for (const secret of [apiKey, 'c2VjcmV0c2VjcmV0c2VjcmV0', 'some.jwt.value', 'abcDEF123', 'xyz789', 'dev456', 'tok_abc', 'trk_0123456789abcdef']) expect(out).not.toContain(secret);
    expect(out).toContain('&x=1');
    expect(() => JSON.parse(out)).not.toThrow();
    // Names that only look alike are left alone.
    expect(scrub('wb_staff_session expired')).toBe('wb_staff_session expired');
  });
});
