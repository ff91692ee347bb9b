import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../sandbox/certificate';
import { SANDBOX_HOSTS } from '../../sandbox/server';

describe('selfSignedCertificate', () => {
  const { cert, key } = selfSignedCertificate(SANDBOX_HOSTS);
  const x509 = new X509Certificate(cert);

  it('is signed by its own key', () => {
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('names every sandbox host, and no other', () => {
    for (const host of SANDBOX_HOSTS) expect(x509.checkHost(host)).toBe(host);
    expect(x509.checkHost('example.com')).toBeUndefined();
  });

  it('is valid now', () => {
    const now = Date.now();
    expect(Date.parse(x509.validFrom)).toBeLessThan(now);
    expect(Date.parse(x509.validTo)).toBeGreaterThan(now);
  });
});
