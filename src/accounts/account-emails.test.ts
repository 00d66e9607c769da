import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountMessageTypes, createAccountEmailRenderer, durationText, type AccountEmailContext } from '../notifications/account-email.js';
import { createRenderer } from '../notifications/render.js';

const context: AccountEmailContext = {
  shop: { shopName: 'Maple & Co', logoUrl: null, primaryColor: '#1f6feb', accentColor: '#f78166', supportEmail: 'help@maple.example', websiteUrl: null },
  name: 'Tom & <Jerry>',
  email: 'tom@example.com',
  link: 'https://maple.example/account/sign-in/link#token=abc123',
  expires_in: '15 minutes',
  portal_url: 'https://maple.example/portal',
};

describe('account emails', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every account message: subject, text with the link, HTML escaped', () => {
    const renderer = createAccountEmailRenderer({});
    for (const type of accountMessageTypes) {
      const message = renderer.render(type, type === 'account_password_changed' ? { ...context, link: null, expires_in: null } : context);
      expect(message.subject, type).toMatch(/^Maple & Co: \S/);
      expect(message.subject).not.toContain('\n');
      expect(message.text).toContain('Hi Tom & <Jerry>,');
      expect(message.html).toContain('Hi Tom &amp; &lt;Jerry&gt;,');
      expect(message.html).not.toContain('<Jerry>');
      if (type !== 'account_password_changed') {
        expect(message.text).toContain(context.link);
        expect(message.text).toContain('15 minutes');
      }
      expect(message.text).not.toMatch(/\n{3,}/);
    }
  });

  it('takes the shop’s overrides from the template folder, which the order renderer still accepts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waybill-account-templates-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'account_magic_link.text.hbs'), 'Knock knock, {{name}}: {{link}}\n');
    expect(() => createRenderer({ overrideDir: dir })).not.toThrow();
    expect(createAccountEmailRenderer({ overrideDir: dir }).render('account_magic_link', context).text).toContain('Knock knock, Tom & <Jerry>: https://maple.example/');
  });

  it('says durations as people do', () => {
    expect(durationText(15)).toBe('15 minutes');
    expect(durationText(1440)).toBe('24 hours');
    expect(durationText(90)).toBe('90 minutes');
  });
});
