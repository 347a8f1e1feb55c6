/**
 * The IANA time zone at a point on Earth, from @photostructure/tz-lookup (a compact boundary
 * table, ~70 kB, sub-microsecond lookups). Kept apart from values.ts so browser bundles don't
 * carry the table.
 */
import tzlookup from "@photostructure/tz-lookup";

/** The zone at (latitude, longitude), or null for invalid coordinates and open sea
 * (the "Etc/GMT±n" zones, which mean the coordinates are a placeholder, not a place). */
export function timeZoneAt(latitude: number | undefined, longitude: number | undefined): string | null {
  if (latitude === undefined || longitude === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  try {
    const zone = tzlookup(latitude, longitude);
    return zone.startsWith("Etc/") ? null : zone;
  } catch {
    return null;
  }
}
