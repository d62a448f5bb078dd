package io.velibconnect.gbfs;

/**
 * One bike-share system listed in a catalogue.
 *
 * @param systemId     the catalogue's System ID (manifest: system_id)
 * @param countryCode  ISO 3166 country code, upper case; null where the catalogue gives none (a GBFS manifest)
 * @param discoveryUrl the system's gbfs.json auto-discovery URL
 */
public record CatalogedSystem(String systemId, String countryCode, String discoveryUrl) {
}
