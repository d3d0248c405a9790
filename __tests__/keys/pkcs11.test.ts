import { describe, expect, it } from '@jest/globals';
import { findModule, parsePkcs11Uri } from '../../src/keys/pkcs11.js';

describe('RFC 7512 pkcs11: URIs', () => {
  it('reads path and query attributes, percent-decoded', () => {
    expect(
      parsePkcs11Uri(
        'pkcs11:token=YubiKey%20PIV;object=Private%20key%20for%20Digital%20Signature;id=%02?module-path=/usr/lib/libykcs11.so',
        'signer-key',
      ),
    ).toEqual({
      token: 'YubiKey PIV',
      object: 'Private key for Digital Signature',
      id: Buffer.from([2]),
      modulePath: '/usr/lib/libykcs11.so',
    });
    expect(parsePkcs11Uri('pkcs11:serial=123;slot-id=7;id=ab', 'k')).toEqual({ serial: '123', slotId: 7, id: Buffer.from('ab') });
  });

  it.each([
    ['pkcs11:token=x', /name the key with object= \(its label\) or id=/],
    ['pkcs11:object=x;slot-id=abc', /slot-id must be a number/],
    ['pkcs11:object=x?pin-value=1234', /pin-value=\*\*\*" is not a usable pkcs11: URI: give the PIN in the matching \*-passphrase input/],
    ['pkcs11:object=%zz', /bad percent-encoding/],
  ])('refuses %s naming the input', (uri, why) => {
    expect(() => parsePkcs11Uri(uri, 'signer-key')).toThrow(/^input 'signer-key': /);
    expect(() => parsePkcs11Uri(uri, 'signer-key')).toThrow(why);
  });

  it('never echoes a PIN given in the URI', () => {
    expect(() => parsePkcs11Uri('pkcs11:object=x?pin-value=98765', 'k')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('98765') }),
    );
  });

  it('names the module from the URI, then PKCS11_MODULE, and says where it looked for ykcs11', () => {
    const saved = process.env.PKCS11_MODULE;
    try {
      delete process.env.PKCS11_MODULE;
      expect(findModule({ modulePath: '/usr/lib/softhsm/libsofthsm2.so' }, 'k')).toBe('/usr/lib/softhsm/libsofthsm2.so');
      process.env.PKCS11_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
      expect(findModule({}, 'k')).toBe('/usr/lib/softhsm/libsofthsm2.so');
      delete process.env.PKCS11_MODULE;
      expect(() => findModule({}, 'k')).toThrow(/looked for ykcs11 in \/usr\/lib\/libykcs11\.so, .*\/opt\/homebrew\/lib\/libykcs11\.dylib/);
    } finally {
      if (saved === undefined) delete process.env.PKCS11_MODULE;
      else process.env.PKCS11_MODULE = saved;
    }
  });
});
