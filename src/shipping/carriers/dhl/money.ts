/**
 * DHL's prices to integer minor units, exactly. MyDHL Express sends prices as JSON numbers (`25.99`);
 * JSON.parse gives the double whose shortest text is the digits DHL wrote, and Waybill's money
 * parser reads those digits back, never multiplying a float. DHL needs nothing of its own here: a
 * price with more decimals than its currency has is rounded half to even, like the rest of Waybill's
 * money. Pure.
 */
export { decimalToMinorUnits as decimalToMinor } from '../../../platform/money.js';
