import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { newP256Signer } from '../support/keys.js';
import { createRootCertificate } from '../../src/keys/signing.js';
import { utf8Text } from '../../src/tuf/encoding.js';
import { checkRootCertificate } from '../../src/tuf/root-certificates.js';
import { commonName } from '../../src/tuf/x509.js';

describe('root certificates as notary makes them', () => {
  it('is self-signed, CN = GUN, 10 years, codeSigning, not a CA, and passes notary’s root checks', async () => {
    const signer = newP256Signer();
    const now = Date.parse('2026-11-21T12:00:00Z');
    const key = await createRootCertificate('registry.example.com/team/app', signer, now);
    const cert = new X509Certificate(utf8Text(key.publicBytes));
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(commonName(cert)).toBe('registry.example.com/team/app');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.3']);
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(3650 * 86_400_000);
    expect(key.canonicalId).toBe(signer.publicKey.id);
    expect(() => checkRootCertificate(key, 'registry.example.com/team/app', now, true)).not.toThrow();
    expect(() => checkRootCertificate(key, 'registry.example.com/other', now, true)).toThrow(/does not match the repository/);
  });
});
