import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/registry/client.js';
import { OciLayout } from '../../src/registry/oci-layout.js';
import { LayoutPusher } from '../../src/registry/push.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { closeServers, serve, serveTls, TEST_CERT } from '../http/servers.js';
import { writeOciImage } from '../support/oci-image.js';

afterEach(closeServers);

describe('daemonless push: where blobs go', () => {
  it('never follows an upload Location from https down to plain http', async () => {
    const plainRequests: string[] = [];
    const plain = await serve((req, res) => {
      plainRequests.push(`${req.method} ${req.url}`);
      res.writeHead(201).end();
    });
    const registry = await serveTls((req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      if (req.method === 'POST') return void res.writeHead(202, { location: `${plain}/upload/1` }).end();
      res.writeHead(500).end();
    });
    const layout = mkdtempSync(join(tmpdir(), 'dct-push-'));
    writeOciImage(layout, 'v1', `push ${Math.random()}`);
    const http = new HttpClient({ extraCa: TEST_CERT, backoffMs: 1 });
    const pusher = new LayoutPusher(http, new RegistryClient(http), OciLayout.open(layout));
    await expect(pusher.push(parseImageReference(`${new URL(registry).host}/team/app:v1`))).rejects.toThrow(
      expect.objectContaining({
        code: 'REGISTRY_PUSH_FAILED',
        message: expect.stringMatching(/sent the upload to http:\/\/127\.0\.0\.1:\d+, not over HTTPS/),
      }),
    );
    http.close();
    expect(plainRequests).toEqual([]);
  });
});
