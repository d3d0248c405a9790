import { describe, expect, it } from '@jest/globals';
import { notaryServerFor, warnIfRetiredServer, type CommandContext, type Reporter } from '../../src/commands/context.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseImageReference } from '../../src/registry/reference.js';

function context(notaryServer?: string): { ctx: CommandContext; warnings: string[] } {
  const warnings: string[] = [];
  const reporter: Reporter = { info: () => undefined, warning: (m) => warnings.push(m), error: () => undefined, group: (_n, fn) => fn() };
  const http = new HttpClient();
  return {
    ctx: { http, registry: new RegistryClient(http), reporter, notaryServer, pinnedRootKeyIds: new Set(), expiryWarningDays: 30 },
    warnings,
  };
}

describe('Notary server choice, as docker makes it', () => {
  it('uses notary.docker.io for Docker Hub and https://<registry> otherwise, unless notary-server is set', () => {
    expect(notaryServerFor(context().ctx, parseImageReference('alpine:3'))).toBe('https://notary.docker.io');
    expect(notaryServerFor(context().ctx, parseImageReference('ghcr.io/a/b:1'))).toBe('https://ghcr.io');
    expect(notaryServerFor(context('https://notary.example.com/').ctx, parseImageReference('alpine:3'))).toBe('https://notary.example.com');
  });

  it('warns that notary.docker.io closes on 2026-12-08', () => {
    const { ctx, warnings } = context();
    warnIfRetiredServer(ctx, 'https://notary.docker.io');
    warnIfRetiredServer(ctx, 'https://notary.example.com');
    expect(warnings).toEqual([expect.stringContaining('notary.docker.io closes on 2026-12-08')]);
  });
});
