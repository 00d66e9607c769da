/**
 * SMS through Twilio's Messages REST API over fetch: POST /2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded, HTTP Basic with the account SID and auth token. A 201 carries the message SID. Twilio's
 * 4xx errors (invalid number, unsubscribed recipient, bad credentials) will not change on a retry; a
 * 429, a 5xx or a network failure may.
 */
import { ChannelError, type SendResult, type SmsToSend, type SmsTransport } from '../types.js';
import { normalizePhone } from '../phone.js';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** E.164 sender, or a Messaging Service SID (`MG…`). */
  from: string;
  /** Twilio's API, or a local stand-in in tests. */
  baseUrl?: string;
  timeoutMs?: number;
}

export const TWILIO_BASE_URL = 'https://api.twilio.com';

interface TwilioError {
  code?: number;
  message?: string;
}

async function errorBody(response: Response): Promise<TwilioError> {
  try {
    return (await response.json()) as TwilioError;
  } catch {
    return {};
  }
}

export function createTwilioTransport(options: TwilioOptions): SmsTransport {
  const base = (options.baseUrl ?? TWILIO_BASE_URL).replace(/\/+$/, '');
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const timeout = options.timeoutMs ?? 15_000;
  return {
    kind: 'twilio',
    async send(message: SmsToSend): Promise<SendResult> {
      const to = normalizePhone(message.to);
      if (to === null) throw new ChannelError('sms', false, `"${message.to}" is not an E.164 phone number`, 'invalid_phone');
      const from = message.from || options.from;
      const form = new URLSearchParams({ To: to, Body: message.body });
      if (/^MG[0-9a-f]{32}$/i.test(from)) form.set('MessagingServiceSid', from);
      else form.set('From', from);
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new ChannelError('sms', true, timedOut ? `Twilio did not answer within ${timeout} ms` : `Twilio unreachable: ${(error as Error).message}`, timedOut ? 'timeout' : 'network', { cause: error });
      }
      if (response.status === 201 || response.status === 200) {
        const body = (await response.json().catch(() => ({}))) as { sid?: unknown };
        if (typeof body.sid !== 'string') throw new ChannelError('sms', true, `Twilio answered ${response.status} without a message sid`, 'bad_response');
        return { providerId: body.sid };
      }
      const body = await errorBody(response);
      const retryable = response.status === 429 || response.status >= 500;
      const code = body.code !== undefined ? `twilio_${body.code}` : `http_${response.status}`;
      throw new ChannelError('sms', retryable, `Twilio answered ${response.status}: ${body.message ?? response.statusText}`, code);
    },
  };
}
