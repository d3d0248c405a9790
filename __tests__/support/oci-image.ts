import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A one-file ustar archive; enough for an image layer. */
function tarWithFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => header.write(text.slice(0, length), offset, 'ascii');
  put(name, 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 12);
  put('00000000000\0', 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface OciImage {
  dir: string;
  manifestDigest: string;
  manifestSize: number;
}

/**
 * Writes an OCI image layout by hand (no network to pull from): one small layer whose content
 * makes the image unique, a config, a manifest and an index naming it `tag`.
 */
/**
 * `extraBytes` adds that much random data to the layer (to exercise chunked uploads). A layout
 * that already has an index.json gets the new tag added to it.
 */
export function writeOciImage(
  dir: string,
  tag: string,
  content: string,
  options: { asIndex?: boolean; extraBytes?: number } = {},
): OciImage {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const blob = (data: Buffer) => {
    const digest = sha256(data);
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
    return { digest, size: data.length };
  };
  const tar = tarWithFile('content.txt', Buffer.concat([Buffer.from(content), randomBytes(options.extraBytes ?? 0)]));
  const layer = blob(gzipSync(tar));
  const config = blob(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, config: {} })),
  );
  const manifestBytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
    }),
  );
  const manifest = blob(manifestBytes);
  let top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest };
  if (options.asIndex) {
    // A one-platform image index: what multi-arch builds push; the tag then names the index.
    const index = blob(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [
            { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { architecture: 'amd64', os: 'linux' } },
          ],
        }),
      ),
    );
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...index };
  }
  const indexPath = join(dir, 'index.json');
  const existing = existsSync(indexPath) ? (JSON.parse(readFileSync(indexPath, 'utf8')) as { manifests: unknown[] }).manifests : [];
  const entry = { ...top, annotations: { 'org.opencontainers.image.ref.name': tag } };
  writeFileSync(indexPath, JSON.stringify({ schemaVersion: 2, manifests: [...existing, entry] }));
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return { dir, manifestDigest: top.digest, manifestSize: top.size };
}
