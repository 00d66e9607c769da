import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadShippingSettings } from './config-shipping.js';

const fails = (env: Record<string, string>, variable: string) => {
  let caught: unknown;
  try {
    loadShippingSettings(env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).variable).toBe(variable);
};

describe('shipping configuration', () => {
  it('has the sim on and no real carrier by default', () => {
    const s = loadShippingSettings({});
    expect(s.sim).toMatchObject({ enabled: true, speed: 1440, webhookUrl: null });
    expect([s.ups, s.fedex, s.dhl, s.usps]).toEqual([null, null, null, null]);
    expect(s).toMatchObject({ promiseDays: 5, pollAfterMinutes: 240, noScanHours: 48, trackingDays: 30, rules: [] });
  });

  it('enables a carrier when its configuration is present, with production base URLs by default', () => {
    const s = loadShippingSettings({ WAYBILL_UPS_CLIENT_ID: 'id', WAYBILL_UPS_CLIENT_SECRET: 'secret', WAYBILL_UPS_ACCOUNT_NUMBER: 'A1', WAYBILL_FEDEX_CLIENT_ID: 'f', WAYBILL_FEDEX_CLIENT_SECRET: 's', WAYBILL_FEDEX_ACCOUNT_NUMBER: '1', WAYBILL_FEDEX_BASE_URL: 'http://127.0.0.1:9000/' });
    expect(s.ups).toMatchObject({ baseUrl: 'https://onlinetools.ups.com', clientId: 'id', webhookCredential: null });
    expect(s.fedex).toMatchObject({ baseUrl: 'http://127.0.0.1:9000' });
    expect(loadShippingSettings({ WAYBILL_DHL_API_KEY: 'k' }).dhl).toMatchObject({ baseUrl: 'https://api-eu.dhl.com', express: null });
    expect(loadShippingSettings({ WAYBILL_SIM: 'off' }).sim.enabled).toBe(false);
  });

  it('stops at half a carrier configuration, naming what is missing', () => {
    fails({ WAYBILL_UPS_CLIENT_ID: 'id' }, 'WAYBILL_UPS_CLIENT_SECRET');
    fails({ WAYBILL_DHL_EXPRESS_USERNAME: 'u', WAYBILL_DHL_EXPRESS_PASSWORD: 'p', WAYBILL_DHL_ACCOUNT_NUMBER: '1' }, 'WAYBILL_DHL_API_KEY');
    fails({ WAYBILL_USPS_CRID: '1', WAYBILL_USPS_MID: '2', WAYBILL_USPS_ACCOUNT_NUMBER: '3' }, 'WAYBILL_USPS_CLIENT_ID');
    fails({ WAYBILL_UPS_CLIENT_ID: 'a', WAYBILL_UPS_CLIENT_SECRET: 'b', WAYBILL_UPS_ACCOUNT_NUMBER: 'c', WAYBILL_UPS_BASE_URL: 'ftp://x' }, 'WAYBILL_UPS_BASE_URL');
  });

  it('checks the sim and the rules', () => {
    fails({ WAYBILL_SIM_SPEED: 'fast' }, 'WAYBILL_SIM_SPEED');
    fails({ WAYBILL_SIM_SPEED: '0' }, 'WAYBILL_SIM_SPEED');
    fails({ WAYBILL_SIM_DELAY_SHARE: '1.5' }, 'WAYBILL_SIM_DELAY_SHARE');
    fails({ WAYBILL_SIM: 'maybe' }, 'WAYBILL_SIM');
    fails({ WAYBILL_SHIPPING_RULES: '{' }, 'WAYBILL_SHIPPING_RULES');
    fails({ WAYBILL_SHIPPING_RULES: '[{"service":"ground"}]' }, 'WAYBILL_SHIPPING_RULES');
    fails({ WAYBILL_SHIPPING_RULES: '[{"carrier":"ups","max_weight_grams":-1}]' }, 'WAYBILL_SHIPPING_RULES');
    fails({ WAYBILL_SHIPPING_RULES: '[{"carrier":"ups","countries":["usa"]}]' }, 'WAYBILL_SHIPPING_RULES');
    fails({ WAYBILL_SHIPPING_RULES: '[{"carrier":"ups","colour":"brown"}]' }, 'WAYBILL_SHIPPING_RULES');
    fails({ WAYBILL_POLL_AFTER_MINUTES: '0' }, 'WAYBILL_POLL_AFTER_MINUTES');
    expect(loadShippingSettings({ WAYBILL_SHIPPING_RULES: '[{"carrier":"sim","service":"overnight","enabled":false},{"carrier":"ups","countries":["US","CA"],"max_weight_grams":30000}]' }).rules).toHaveLength(2);
  });
});
