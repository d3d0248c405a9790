import { createHash, createHmac, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { p256 } from '@noble/curves/nist.js';

/**
 * A KMS-protocol server for tests (no KMS emulator is packaged here): JSON 1.1 over HTTP,
 * `TrentService.GetPublicKey` and `TrentService.Sign`, with real keys, KMS's error shapes, and a
 * full SigV4 check of every request against the configured credentials.
 */
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIADCTSIGNTEST00001', secretAccessKey: 'dct-sign-test-secret-key-0000000000000000' };

/**
 * What the action needs to reach a KmsServer at `url` through the SDK's own resolution (endpoint
 * from AWS_ENDPOINT_URL_KMS, region and credentials from the environment), with no metadata probe
 * and no shared config files.
 */
export function awsTestEnvironment(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_KMS: url,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
}

interface KmsKey {
  id: string;
  spec: string;
  usage: string;
  privateKey: KeyObject;
  enabled: boolean;
  denied: boolean;
}

export class KmsServer {
  readonly keys = new Map<string, KmsKey>();
  readonly aliases = new Map<string, string>();
  readonly calls: { operation: string; keyId: string; status: number }[] = [];
  /** The next N Sign calls answer ThrottlingException. */
  throttleSigns = 0;
  private server?: Server;
  url = '';

  arn(id: string): string {
    return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
  }

  createKey(options: { alias?: string; spec?: 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'RSA_2048'; usage?: string } = {}): string {
    const id = randomUUID();
    const spec = options.spec ?? 'ECC_NIST_P256';
    const privateKey =
      spec === 'RSA_2048'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : generateKeyPairSync('ec', { namedCurve: spec === 'ECC_NIST_P384' ? 'secp384r1' : 'prime256v1' }).privateKey;
    this.keys.set(id, { id, spec, usage: options.usage ?? 'SIGN_VERIFY', privateKey, enabled: true, denied: false });
    if (options.alias) this.aliases.set(`alias/${options.alias}`, id);
    return id;
  }

  key(ref: string): KmsKey | undefined {
    const id = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf(':') + 1).replace(/^key\//, '') : ref;
    const byAlias = this.aliases.get(id.startsWith('alias/') ? id : '') ?? this.aliases.get(ref.replace(/^arn:.*?:alias\//, 'alias/'));
    return this.keys.get(byAlias ?? id);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const reply = (status: number, value: unknown) => {
          res
            .writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
            .end(JSON.stringify(value));
        };
        const fail = (status: number, type: string, message: string) => reply(status, { __type: type, message });
        const authError = this.checkSigV4(req.method ?? 'POST', req.url ?? '/', req.headers, body);
        const operation = String(req.headers['x-amz-target'] ?? '').replace('TrentService.', '');
        let request: { KeyId?: string; Message?: string; MessageType?: string; SigningAlgorithm?: string } = {};
        try {
          request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
        } catch {
          return fail(400, 'SerializationException', 'bad JSON');
        }
        const keyId = request.KeyId ?? '';
        const record = (status: number) => this.calls.push({ operation, keyId, status });
        if (authError) {
          record(400);
          return fail(400, 'UnrecognizedClientException', `The security token included in the request is invalid. (${authError})`);
        }
        const key = this.key(keyId);
        if (!key) {
          record(400);
          return fail(400, 'NotFoundException', `Key '${this.arn(keyId)}' does not exist`);
        }
        if (key.denied) {
          record(400);
          return fail(400, 'AccessDeniedException', `User is not authorized to perform: kms:${operation} on resource: ${this.arn(key.id)}`);
        }
        if (!key.enabled) {
          record(400);
          return fail(400, 'DisabledException', `${this.arn(key.id)} is disabled.`);
        }
        if (operation === 'GetPublicKey') {
          record(200);
          return reply(200, {
            KeyId: this.arn(key.id),
            KeySpec: key.spec,
            KeyUsage: key.usage,
            PublicKey: publicDer(key.privateKey),
            SigningAlgorithms: key.spec === 'RSA_2048' ? ['RSASSA_PSS_SHA_256'] : ['ECDSA_SHA_256'],
          });
        }
        if (operation === 'Sign') {
          if (this.throttleSigns > 0) {
            this.throttleSigns--;
            record(400);
            return fail(400, 'ThrottlingException', 'Rate exceeded');
          }
          const message = Buffer.from(request.Message ?? '', 'base64');
          if (
            request.MessageType !== 'DIGEST' ||
            request.SigningAlgorithm !== 'ECDSA_SHA_256' ||
            message.length !== 32 ||
            key.spec !== 'ECC_NIST_P256'
          ) {
            record(400);
            return fail(400, 'ValidationException', 'expected a 32-byte DIGEST with ECDSA_SHA_256 on a P-256 key');
          }
          const d = Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url');
          const signature = p256.sign(message, d, { prehash: false, format: 'der' });
          record(200);
          return reply(200, {
            KeyId: this.arn(key.id),
            Signature: Buffer.from(signature).toString('base64'),
            SigningAlgorithm: 'ECDSA_SHA_256',
          });
        }
        record(400);
        return fail(400, 'UnknownOperationException', operation);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** Recomputes the request's SigV4 signature with the configured secret; undefined when it matches. */
  private checkSigV4(
    method: string,
    url: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): string | undefined {
    const auth = String(headers.authorization ?? '');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/(kms)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([a-f0-9]{64})$/.exec(
        auth,
      );
    if (!m) return 'no well-formed SigV4 Authorization header';
    const [, accessKey, date, region, service, signedHeaders, signature] = m;
    if (accessKey !== CREDENTIALS.accessKeyId) return 'unknown access key';
    const amzDate = String(headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(date!)) return 'x-amz-date does not match the credential scope';
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed';
    const canonicalHeaders = names
      .map(
        (n) =>
          `${n}:${String(headers[n] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join('');
    const [path, query = ''] = url.split('?');
    const canonicalQuery = query.split('&').filter(Boolean).sort().join('&');
    const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, signedHeaders, hash(body)].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonicalRequest)].join('\n');
    const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
    let key = hmac(`AWS4${CREDENTIALS.secretAccessKey}`, date!);
    for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    return expected === signature ? undefined : 'signature does not match';
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function publicDer(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}
