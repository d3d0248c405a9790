/** The release of dct-sign (package.json's version; a test holds the two together). */
export const VERSION = '0.1.0';
