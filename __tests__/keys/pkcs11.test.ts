import { describe, expect, it } from '@jest/globals';
import { findModule, parsePkcs11Uri } from '../../src/keys/pkcs11.js';

describe('RFC 7512 pkcs11: URIs', () => {
  it('reads path and query attributes, percent-decoded', () => {
    expect(
      parsePkcs11Uri(
        'pkcs11:token=YubiKey%20PIV;object=Private%20key%20for%20Digital%20Signature;id=%02?module-path=/usr/lib/libykcs11.so',
      ),
    ).toEqual({
      token: 'YubiKey PIV',
      object: 'Private key for Digital Signature',
      id: Buffer.from([2]),
      modulePath: '/usr/lib/libykcs11.so',
    });
    expect(parsePkcs11Uri('pkcs11:serial=123;slot-id=7;id=ab')).toEqual({ serial: '123', slotId: 7, id: Buffer.from('ab') });
  });

  it.each([
    ['pkcs11:token=x', /name the key with object= \(its label\) or id=/],
    ['pkcs11:object=x;slot-id=abc', /slot-id must be a number/],
    ['pkcs11:object=x?pin-value=1234', /pin-value=\*\*\*" is not a usable pkcs11: URI: give the PIN in the matching \*-passphrase input/],
    ['pkcs11:object=%zz', /bad percent-encoding/],
  ])('refuses %s as an invalid key', (uri, why) => {
    expect(() => parsePkcs11Uri(uri)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    expect(() => parsePkcs11Uri(uri)).toThrow(why);
  });

  it('never echoes a PIN given in the URI', () => {
    expect(() => parsePkcs11Uri('pkcs11:object=x?pin-value=98765')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('98765') }),
    );
  });

  it('names the module from the URI, then the default module (PKCS11_MODULE), and says where it looked for ykcs11', () => {
    const softhsm = '/usr/lib/softhsm/libsofthsm2.so';
    expect(findModule({ modulePath: softhsm }, '/elsewhere.so')).toBe(softhsm);
    expect(findModule({}, softhsm)).toBe(softhsm);
    expect(() => findModule({})).toThrow(/looked for ykcs11 in \/usr\/lib\/libykcs11\.so, .*\/opt\/homebrew\/lib\/libykcs11\.dylib/);
  });
});
