/**
 * The offline base map: Natural Earth's countries at 1:110m from world-atlas, turned from TopoJSON
 * into GeoJSON once. No tile server, no network: the data is bundled with the page.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

let cached: FeatureCollection<Geometry> | null = null;

export function countries(): FeatureCollection<Geometry> {
  if (cached === null) {
    const topology = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
    cached = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  }
  return cached;
}
