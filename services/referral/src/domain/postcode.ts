/**
 * The parts of a UK postcode as stored (capitals, no spaces, e.g. `LU12AB`): its outward code
 * (`LU1`, the district) and its area (`LU`, the letters the outward code begins with).
 */
export const outwardCode = (postcode: string): string => postcode.slice(0, -3);

export const postcodeArea = (postcode: string): string =>
  /^[A-Z]+/.exec(outwardCode(postcode))?.[0] ?? '';
