/**
 * The fake's MyDHL Express endpoints: GET /rates, POST /rates and POST /shipments, answering in
 * MyDHL's shapes (products with totalPrice per currency type; AWB + piece numbers + base64 PDF
 * labels) and with MyDHL's problem JSON (`{instance, detail: "<code>: …", title, message, status}`).
 */
import { labelPdf } from './pdf.js';

type Json = Record<string, any>;
export interface Reply {
  status: number;
  body: unknown;
}

const GMT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2} GMT[+-]\d{2}:\d{2}$/;

export function expressProblem(path: string, status: number, title: string, detail: string, additionalDetails?: string[]): Reply {
  const body: Json = { instance: `/expressapi${path}`, detail, title, message: title, status: String(status) };
  if (additionalDetails) body.additionalDetails = additionalDetails;
  return { status, body };
}

/** Prices in cents per product: a base and a price per started kilogram. */
const PRODUCTS: Record<string, { name: string; base: number; perKg: number; days: number }> = {
  P: { name: 'EXPRESS WORLDWIDE', base: 4599, perKg: 712, days: 3 },
  K: { name: 'EXPRESS 9:00', base: 8950, perKg: 905, days: 1 },
  T: { name: 'EXPRESS 12:00', base: 6433, perKg: 801, days: 1 },
  W: { name: 'ECONOMY SELECT', base: 2890, perKg: 410, days: 5 },
  '8': { name: 'EXPRESS EASY', base: 6300, perKg: 900, days: 3 },
  N: { name: 'EXPRESS DOMESTIC', base: 1299, perKg: 150, days: 1 },
};

function productsFor(origin: string, destination: string): string[] {
  return origin === destination ? ['N'] : ['P', 'K', 'T', 'W', '8'];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const decimal = (cents: number) => cents / 100;

interface Piece {
  weight: number;
  length: number;
  width: number;
  height: number;
}

function quote(path: string, origin: Json, destination: Json, pieces: Piece[], plannedDate: string): Reply {
  if (/^nowhere$/i.test(String(destination.cityName))) {
    return expressProblem(path, 400, 'Product not found', '1001: The requested product(s) not available based on your search criteria.');
  }
  const kilos = Math.ceil(pieces.reduce((sum, p) => sum + p.weight, 0));
  const products = productsFor(String(origin.countryCode), String(destination.countryCode)).map((code) => {
    const product = PRODUCTS[code]!;
    const cents = product.base + product.perKg * kilos;
    return {
      productName: product.name,
      productCode: code,
      localProductCode: code,
      networkTypeCode: 'TD',
      isCustomerAgreement: false,
      weight: { volumetric: 0, provided: kilos, unitOfMeasurement: 'metric' },
      totalPrice: [
        { currencyType: 'BILLC', priceCurrency: 'EUR', price: decimal(cents) },
        { currencyType: 'PULCL', priceCurrency: 'EUR', price: decimal(cents + 1000) },
        { currencyType: 'BASEC', priceCurrency: 'USD', price: decimal(Math.round(cents * 1.08)) },
      ],
      deliveryCapabilities: {
        deliveryTypeCode: 'QDDC',
        estimatedDeliveryDateAndTime: `${addDays(plannedDate, product.days)}T23:59:00`,
        destinationServiceAreaCode: 'NYC',
        totalTransitDays: product.days,
      },
    };
  });
  return { status: 200, body: { products, exchangeRates: [] } };
}

export function ratesGet(query: Record<string, string>, accountNumber: string): Reply {
  const required = ['accountNumber', 'originCountryCode', 'originCityName', 'destinationCountryCode', 'destinationCityName', 'weight', 'length', 'width', 'height', 'plannedShippingDate', 'isCustomsDeclarable', 'unitOfMeasurement'];
  const missing = required.filter((name) => !query[name]);
  if (missing.length > 0) return expressProblem('/rates', 400, 'Missing parameters', `Missing mandatory parameters: ${missing.join(', ')}`);
  if (query.accountNumber !== accountNumber) return expressProblem('/rates', 400, 'Bad request', '803: Account not allowed for this service. Please contact your DHL Express representative');
  const piece = { weight: Number(query.weight), length: Number(query.length), width: Number(query.width), height: Number(query.height) };
  return quote(
    '/rates',
    { countryCode: query.originCountryCode, cityName: query.originCityName },
    { countryCode: query.destinationCountryCode, cityName: query.destinationCityName },
    [piece],
    query.plannedShippingDate!,
  );
}

function piecesOf(packages: unknown): Piece[] | null {
  if (!Array.isArray(packages) || packages.length === 0) return null;
  const pieces = packages.map((p: Json) => ({ weight: Number(p?.weight), length: Number(p?.dimensions?.length), width: Number(p?.dimensions?.width), height: Number(p?.dimensions?.height) }));
  return pieces.every((p) => [p.weight, p.length, p.width, p.height].every((v) => Number.isFinite(v) && v > 0)) ? pieces : null;
}

export function ratesPost(body: Json, accountNumber: string): Reply {
  const shipper = body?.customerDetails?.shipperDetails;
  const receiver = body?.customerDetails?.receiverDetails;
  const problems: string[] = [];
  if (!shipper?.cityName || !shipper?.countryCode) problems.push('#/customerDetails/shipperDetails: cityName and countryCode are required');
  if (!receiver?.cityName || !receiver?.countryCode) problems.push('#/customerDetails/receiverDetails: cityName and countryCode are required');
  if (!GMT_TIME.test(String(body?.plannedShippingDateAndTime))) problems.push('#/plannedShippingDateAndTime: string does not match pattern');
  if (body?.unitOfMeasurement !== 'metric' && body?.unitOfMeasurement !== 'imperial') problems.push('#/unitOfMeasurement: metric or imperial');
  const pieces = piecesOf(body?.packages);
  if (!pieces) problems.push('#/packages: weight and dimensions are required');
  if (problems.length > 0) return expressProblem('/rates', 400, 'Bad request', 'Multiple problems found, see Additional Details', problems);
  if (body.accounts?.[0]?.number !== accountNumber) return expressProblem('/rates', 400, 'Bad request', '803: Account not allowed for this service. Please contact your DHL Express representative');
  return quote('/rates', shipper, receiver, pieces!, String(body.plannedShippingDateAndTime).slice(0, 10));
}

export interface CreatedShipment {
  trackingNumber: string;
  pieces: string[];
  productCode: string;
  reference: string | null;
  request: Json;
}

export function createShipment(body: Json, accountNumber: string, sequence: number): { reply: Reply; created: CreatedShipment | null } {
  const problems: string[] = [];
  if (!GMT_TIME.test(String(body?.plannedShippingDateAndTime))) problems.push('#/plannedShippingDateAndTime: string does not match pattern ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{2}:\\d{2}$');
  for (const side of ['shipperDetails', 'receiverDetails']) {
    const party = body?.customerDetails?.[side];
    for (const field of ['addressLine1', 'cityName', 'countryCode']) if (!party?.postalAddress?.[field]) problems.push(`#/customerDetails/${side}/postalAddress/${field}: is missing`);
    for (const field of ['phone', 'companyName', 'fullName']) if (!party?.contactInformation?.[field]) problems.push(`#/customerDetails/${side}/contactInformation/${field}: is missing`);
  }
  const pieces = piecesOf(body?.content?.packages);
  if (!pieces) problems.push('#/content/packages: weight and dimensions are required');
  if (problems.length > 0) {
    const reply = problems.length === 1 ? expressProblem('/shipments', 422, 'Unprocessable Entity', problems[0]!) : expressProblem('/shipments', 400, 'Bad request', 'Multiple problems found, see Additional Details', problems);
    return { reply, created: null };
  }
  if (body.accounts?.[0]?.number !== accountNumber) return { reply: expressProblem('/shipments', 400, 'Bad request', '803: Account not allowed for this service. Please contact your DHL Express representative'), created: null };
  const origin = String(body.customerDetails.shipperDetails.postalAddress.countryCode);
  const destination = String(body.customerDetails.receiverDetails.postalAddress.countryCode);
  const productCode = String(body.productCode);
  if (!productsFor(origin, destination).includes(productCode)) {
    return { reply: expressProblem('/shipments', 400, 'Bad request', `410138: Requested product(s) not available at payer, ${productCode}/${productCode}`), created: null };
  }
  const awb = String(1234500000 + sequence);
  const pieceIds = pieces!.map((_, i) => `JD014600${awb}${String(i + 1).padStart(2, '0')}`);
  const labelFor = (lines: string[]) => ({ imageFormat: 'PDF', content: labelPdf(lines).toString('base64'), typeCode: 'label' });
  const labels = body.outputImageProperties?.splitDocumentsByPages
    ? pieceIds.map((piece, i) => labelFor([`DHL EXPRESS ${productCode}`, `WAYBILL ${awb}`, `PIECE ${i + 1}/${pieceIds.length} ${piece}`]))
    : [labelFor([`DHL EXPRESS ${productCode}`, `WAYBILL ${awb}`, ...pieceIds])];
  const documents = origin === destination ? labels : [...labels, { imageFormat: 'PDF', content: labelPdf([`WAYBILL DOC ${awb}`]).toString('base64'), typeCode: 'waybillDoc' }];
  const planned = String(body.plannedShippingDateAndTime).slice(0, 10);
  const product = PRODUCTS[productCode]!;
  const cents = product.base + product.perKg * Math.ceil(pieces!.reduce((sum, p) => sum + p.weight, 0));
  const answer: Json = {
    shipmentTrackingNumber: awb,
    trackingUrl: `https://api-sandbox.dhl.com/mydhlapi/shipments/${awb}/tracking`,
    packages: pieceIds.map((trackingNumber, i) => ({ referenceNumber: i + 1, trackingNumber, trackingUrl: `https://api-sandbox.dhl.com/mydhlapi/shipments/${awb}/tracking?pieceTrackingNumber=${trackingNumber}` })),
    documents,
    estimatedDeliveryDate: { estimatedDeliveryDate: addDays(planned, product.days), estimatedDeliveryType: 'QDDC' },
  };
  if (body.getRateEstimates) answer.shipmentCharges = [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: decimal(cents), serviceBreakdown: [{ name: product.name, price: decimal(cents) }] }];
  const reference = body.customerReferences?.[0]?.value ?? null;
  return { reply: { status: 201, body: answer }, created: { trackingNumber: awb, pieces: pieceIds, productCode, reference, request: body } };
}
