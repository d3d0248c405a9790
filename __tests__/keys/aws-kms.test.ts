import { describe, expect, it } from '@jest/globals';
import { p256 } from '@noble/curves/nist.js';
import { derToRawSignature, parseKmsUri } from '../../src/keys/aws-kms.js';

describe('awskms:// URIs (cosign form)', () => {
  it.each([
    ['awskms:///1234abcd-12ab-34cd-56ef-1234567890ab', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }],
    ['awskms:///alias/dct/ci-signer', { keyId: 'alias/dct/ci-signer' }],
    ['awskms://localhost:4566/alias/x', { keyId: 'alias/x', endpoint: 'localhost:4566' }],
    ['awskms:///arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', { region: 'eu-west-1' }],
    [
      'awskms:///arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/x',
      { region: 'us-gov-west-1', keyId: 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/x' },
    ],
  ])('%s', (uri, expected) => {
    expect(parseKmsUri(uri)).toEqual(expect.objectContaining(expected));
  });

  it.each(['awskms://', 'awskms:///', 'awskms:///key with spaces', 'awskms:///arn:aws:s3:::bucket'])(
    'refuses %s as an invalid key',
    (uri) => {
      expect(() => parseKmsUri(uri)).toThrow(
        expect.objectContaining({ code: 'KEY_INVALID', message: expect.stringMatching(/^".*" is not an AWS KMS key URI/) }),
      );
    },
  );
});

describe('KMS DER signatures to notary raw r||s', () => {
  it('round-trips noble signatures, including short r and s', () => {
    for (let i = 0; i < 64; i++) {
      const key = p256.utils.randomSecretKey();
      const digest = new Uint8Array(32).fill(i);
      const der = p256.sign(digest, key, { prehash: false, format: 'der' });
      const raw = derToRawSignature(der);
      expect(raw).toHaveLength(64);
      expect(p256.verify(raw, digest, p256.getPublicKey(key), { prehash: false, lowS: false })).toBe(true);
    }
  });
});
