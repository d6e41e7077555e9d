/**
 * Browsers by the token their user agent carries, most specific first (Edge and Opera also say
 * Chrome). Each reads in one pass: no two quantifiers may take the same characters, or a made-up
 * header of many digits holds the server for seconds.
 */
const BROWSERS: readonly [name: string, version: RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\bOPR\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)(?:\.\d+)* (?:Mobile\/\S+ )?Safari\//],
];

const SYSTEMS: readonly [name: string, marker: RegExp][] = [
  ['iOS', /\b(?:iPhone|iPad|iPod)\b/],
  ['Android', /\bAndroid\b/],
  ['Windows', /\bWindows\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['Linux', /\bLinux\b/],
];

export const UNKNOWN_CLIENT = 'Unknown browser';

/** No browser's major version is longer; a longer one is made up, and would not fit the audit's column. */
const MOST_VERSION_DIGITS = 4;

/**
 * "Chrome 131 on Linux": what an admin reading the audit can recognise, and nothing finer (no
 * full version, no device model), so the audit does not keep a fingerprint of the machine.
 */
export function clientLabel(userAgent: string | undefined): string {
  if (!userAgent) return UNKNOWN_CLIENT;
  const browser = BROWSERS.map(([name, pattern]) => [name, pattern.exec(userAgent)?.[1]] as const).find(
    ([, version]) => version !== undefined && version.length <= MOST_VERSION_DIGITS,
  );
  const system = SYSTEMS.find(([, marker]) => marker.test(userAgent))?.[0];
  const name = browser ? `${browser[0]} ${browser[1]}` : UNKNOWN_CLIENT;
  return system ? `${name} on ${system}` : name;
}
