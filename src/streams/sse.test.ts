import { describe, expect, it } from 'vitest';
import { isEventId, sseComment, sseEvent, SseParser, sseRetry } from './sse.js';

describe('server-sent events format', () => {
  it('round-trips frames through the parser, however the stream is cut', () => {
    const text = sseRetry(3000) + sseComment('connected') + sseEvent('evt_1', 'order.placed', { a: 1 }) + sseComment('keep-alive') + sseEvent(null, 'stream.truncated', { b: 'x\ny' });
    for (const size of [1, 2, 7, text.length]) {
      const parser = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      expect(out).toEqual([
        { id: 'evt_1', event: 'order.placed', data: '{"a":1}' },
        { id: null, event: 'stream.truncated', data: '{"b":"x\\ny"}' },
      ]);
    }
  });

  it('parses CRLF line ends, multi-line data and the default event type', () => {
    expect(new SseParser().push('data: one\r\ndata:two\r\n\r\n')).toEqual([{ id: null, event: 'message', data: 'one\ntwo' }]);
  });

  it('accepts as Last-Event-ID only the event ids it sends', () => {
    expect(isEventId('evt_01JD0000000000000000000000')).toBe(true);
    expect(isEventId('ord_01JD0000000000000000000000')).toBe(false);
    expect(isEventId('evt_01JD000000000000000000000')).toBe(false);
  });
});
