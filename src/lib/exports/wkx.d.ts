/** The part of wkx (the GeoPackage library's geometry codec) the GeoPackage export uses; wkx ships no types. */
declare module 'wkx' {
	namespace wkx {
		class Geometry {
			static parseGeoJSON(value: unknown): Geometry;
			toWkb(): Buffer;
		}
	}
	export default wkx;
}
