/** The part of geoip-lite 1.4's API the geo benchmark uses (the package ships no types). */
declare module "geoip-lite" {
  export interface Lookup {
    range: [number, number];
    country: string;
    region: string;
    eu: "0" | "1";
    timezone: string;
    city: string;
    ll: [number, number];
    metro: number;
    area: number;
  }
  const geoip: { lookup(ip: string): Lookup | null };
  export default geoip;
}
