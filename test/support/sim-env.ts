/**
 * Server environment for a sim carrier that delivers every parcel without incident (no delays,
 * failed attempts, exceptions or returns to sender), for tests that follow a parcel to its door
 * and must not be surprised on the way. Tests of incidents set the shares themselves.
 */
export const UNEVENTFUL_SIM: Readonly<Record<string, string>> = {
  WAYBILL_SIM_DELAY_SHARE: '0',
  WAYBILL_SIM_FAILED_ATTEMPT_SHARE: '0',
  WAYBILL_SIM_EXCEPTION_SHARE: '0',
  WAYBILL_SIM_RETURN_SHARE: '0',
};

/**
 * A sim carrier whose scans reach Waybill only when a test sends them: the sim's own pushes go to
 * a port nobody listens on (they fail) and polling waits far longer than any test, so a parcel
 * moves only through the scans and webhooks the test itself sends. Uneventful as above.
 */
export const SCANS_BY_HAND_SIM: Readonly<Record<string, string>> = {
  ...UNEVENTFUL_SIM,
  WAYBILL_SIM_SPEED: '1',
  WAYBILL_SIM_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/carriers/sim',
  WAYBILL_POLL_AFTER_MINUTES: '100000',
};
