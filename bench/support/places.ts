/**
 * Where the benchmarks' shops keep stock and where their orders go: two warehouses and six US
 * cities the offline gazetteer knows (so tracking has coordinates), shared by every bench that
 * seeds a shop through the API and by the chaos run's orders.
 */
export const BENCH_WAREHOUSES = [
  { code: 'DAL', name: 'Dallas', address: { line1: '1 Dock Rd', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' } },
  { code: 'EWR', name: 'Newark', address: { line1: '2 Port St', city: 'Newark', region: 'NJ', postal_code: '07102', country: 'US' } },
] as const;

export const BENCH_DESTINATIONS = [
  { city: 'Austin', region: 'TX', postal_code: '78701' },
  { city: 'Seattle', region: 'WA', postal_code: '98101' },
  { city: 'Chicago', region: 'IL', postal_code: '60601' },
  { city: 'Miami', region: 'FL', postal_code: '33101' },
  { city: 'Boston', region: 'MA', postal_code: '02108' },
  { city: 'Denver', region: 'CO', postal_code: '80202' },
] as const;

/** One of `items`, at random. */
export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
