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
