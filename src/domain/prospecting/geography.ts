/** Where a country lies, as a prospecting result classifies a customer account. */
export interface Geography {
  /** AWS's sales geography. */
  Geo: string;
  /** The continent-level region of the UN M49 standard. */
  Region: string;
  /** The M49 sub-region. */
  SubRegion: string;
}

/**
 * The UN M49 sub-regions with their region, the AWS
 * geography they fall in, and their countries, covering every value of the model's `CountryCode`.
 */
const SUB_REGIONS: readonly [geo: string, region: string, subRegion: string, countries: string][] = [
  ["NAMER", "Americas", "Northern America", "US CA BM GL PM"],
  ["LATAM", "Americas", "Central America", "BZ CR SV GT HN MX NI PA"],
  [
    "LATAM",
    "Americas",
    "Caribbean",
    "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI AN",
  ],
  ["LATAM", "Americas", "South America", "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"],
  ["EMEA", "Europe", "Northern Europe", "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB"],
  ["EMEA", "Europe", "Western Europe", "AT BE FR DE LI LU MC NL CH"],
  ["EMEA", "Europe", "Southern Europe", "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES"],
  ["EMEA", "Europe", "Eastern Europe", "BY BG CZ HU PL MD RO RU SK UA"],
  ["EMEA", "Africa", "Northern Africa", "DZ EG LY MA SD TN EH"],
  ["EMEA", "Africa", "Eastern Africa", "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW"],
  ["EMEA", "Africa", "Middle Africa", "AO CM CF TD CG CD GQ GA ST"],
  ["EMEA", "Africa", "Southern Africa", "BW SZ LS NA ZA"],
  ["EMEA", "Africa", "Western Africa", "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"],
  ["EMEA", "Asia", "Western Asia", "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"],
  ["APJ", "Asia", "Central Asia", "KZ KG TJ TM UZ"],
  ["APJ", "Asia", "Southern Asia", "AF BD BT IN IR MV NP PK LK"],
  ["APJ", "Asia", "South-eastern Asia", "BN KH ID LA MY MM PH SG TH TL VN"],
  ["APJ", "Asia", "Eastern Asia", "JP KR MN"],
  ["GCR", "Asia", "Eastern Asia", "CN HK MO TW"],
  ["APJ", "Oceania", "Australia and New Zealand", "AU CX CC HM NZ NF"],
  ["APJ", "Oceania", "Melanesia", "FJ NC PG SB VU"],
  ["APJ", "Oceania", "Micronesia", "GU KI MH FM NR MP PW UM"],
  ["APJ", "Oceania", "Polynesia", "AS CK PF NU PN WS TK TO TV WF"],
  ["APJ", "Antarctica", "Antarctica", "AQ"],
];

const BY_COUNTRY = new Map<string, Geography>(
  SUB_REGIONS.flatMap(([Geo, Region, SubRegion, countries]) =>
    countries.split(" ").map((code) => [code, { Geo, Region, SubRegion }] as const),
  ),
);

/** The geography of a `CountryCode`, or undefined for a code the table does not know. */
export const geographyOf = (country: string): Geography | undefined => BY_COUNTRY.get(country);

const COUNTRY_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** A country's English name (the code itself where the runtime has no name for it). */
export function countryName(country: string): string {
  try {
    return COUNTRY_NAMES.of(country) ?? country;
  } catch {
    return country;
  }
}
