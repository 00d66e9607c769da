import { describe, expect, it } from 'vitest';
import { lastAdminProblem } from './last-admin-rule.js';

const admin = { role: 'admin' as const, disabled: false };

describe('lastAdminProblem', () => {
  it('refuses to demote or disable the last enabled admin', () => {
    expect(lastAdminProblem(admin, { role: 'operator', disabled: false }, 0)).toMatch(/last enabled admin.*made operator/);
    expect(lastAdminProblem(admin, { role: 'admin', disabled: true }, 0)).toMatch(/last enabled admin.*disabled/);
  });

  it('allows it while another enabled admin remains', () => {
    expect(lastAdminProblem(admin, { role: 'viewer', disabled: false }, 1)).toBeNull();
    expect(lastAdminProblem(admin, { role: 'admin', disabled: true }, 2)).toBeNull();
  });

  it('never stands in the way of changes that keep or add an admin', () => {
    expect(lastAdminProblem(admin, { role: 'admin', disabled: false }, 0)).toBeNull();
    expect(lastAdminProblem({ role: 'operator', disabled: false }, { role: 'viewer', disabled: true }, 0)).toBeNull();
    expect(lastAdminProblem({ role: 'admin', disabled: true }, { role: 'admin', disabled: false }, 0)).toBeNull();
    expect(lastAdminProblem({ role: 'admin', disabled: true }, { role: 'operator', disabled: true }, 0)).toBeNull();
  });
});
