/**
 * A self-signed TLS certificate made at runtime with node:crypto alone: an EC P-256 key
 * and a minimal X.509 v3 certificate whose subjectAltName lists every sandbox host.
 * Node can make keys and signatures but not certificates, hence the small DER encoder.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface Certificate {
  /** PKCS#8 private key, PEM. */
  key: string;
  /** X.509 certificate, PEM; also the CA a client passes to trust it. */
  cert: string;
}

const DAY_MS = 86_400_000;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);
const octetString = (content: Buffer) => tlv(0x04, content);
const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
/** A BIT STRING of whole bytes: the leading 0 says no bit is unused. */
const bitString = (content: Buffer) => tlv(0x03, Buffer.from([0]), content);
/** subjectAltName's dNSName is an implicitly tagged IA5String: [2]. */
const dnsName = (host: string) => tlv(0x82, Buffer.from(host, 'ascii'));

/** A non-negative DER INTEGER: minimal, so no redundant leading zero byte, which OpenSSL rejects. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && ((bytes[start + 1] ?? 0) & 0x80) === 0) start++;
  const minimal = bytes.subarray(start);
  // A set top bit would read as negative.
  return tlv(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      base128.unshift(0x80 | (value % 128));
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime, good until 2049: `YYMMDDHHMMSSZ`. */
function utcTime(date: Date): Buffer {
  const text = date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .slice(2);
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A certificate for `hosts`, valid from yesterday (clock skew) for 90 days. The serial is
 * random unless given, as tests give it to reach the encodings a random one rarely hits.
 */
export function selfSignedCertificate(
  hosts: readonly string[],
  commonName = 'PayLens sandbox',
  serial: Buffer = randomBytes(16),
): Certificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const now = Date.now();

  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // version 3
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + 90 * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(sequence(oid(SUBJECT_ALT_NAME), octetString(sequence(...hosts.map(dnsName)))))),
  );
  // ECDSA signatures come out DER-encoded by default, as X.509 wants them.
  const signature = sign('sha256', tbs, privateKey);
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: pem('CERTIFICATE', sequence(tbs, ECDSA_WITH_SHA256, bitString(signature))),
  };
}
