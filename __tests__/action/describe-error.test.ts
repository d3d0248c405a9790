import { describe, expect, it } from '@jest/globals';
import { describeError } from '../../src/action/describe-error.js';
import { InputError, KeyError, NotaryError, RegistryError } from '../../src/errors.js';

describe('one line for the job log, whatever was thrown', () => {
  it('names the input an error is about: given, or the input of the option it concerns', () => {
    expect(describeError(new InputError('images', 'no image given'))).toBe("input 'images': no image given");
    expect(describeError(new KeyError('KEY_NOT_IN_ROLE', 'key abc is not the targets key', { option: 'repositoryKey' }))).toBe(
      "input 'repository-key': key abc is not the targets key",
    );
  });

  it('adds the fix that only the action layer can name', () => {
    expect(describeError(new RegistryError('REGISTRY_ACCESS_DENIED', 'the registry refused access to r/a:1 (HTTP 401)'))).toBe(
      'the registry refused access to r/a:1 (HTTP 401) (set registry-username/registry-password or docker login)',
    );
    expect(describeError(new NotaryError('NOTARY_SNAPSHOT_KEY_MISSING', 'publish: HTTP 400', { server: 's' }))).toMatch(
      /give it as snapshot-key/,
    );
  });

  it('on Azure Container Registry, names the role or login that is probably missing', () => {
    const notary = describeError(
      new NotaryError('NOTARY_ACCESS_DENIED', 'publish: HTTP 401', { server: 'https://contoso.azurecr.io', status: 401 }),
    );
    expect(notary).toMatch(/AcrImageSigner role beside AcrPush/);
    expect(notary).toMatch(/content trust enabled on the registry/);
    expect(notary).toMatch(/repository-scoped tokens cannot use content trust/);
    const registry = describeError(
      new RegistryError('REGISTRY_ACCESS_DENIED', 'the registry refused access', { host: 'contoso.azurecr.us' }),
    );
    expect(registry).toMatch(/AcrPull role/);
    expect(registry).toMatch(/az acr login/);
    // Any other registry keeps the generic hint.
    expect(describeError(new RegistryError('REGISTRY_ACCESS_DENIED', 'refused', { host: 'registry.example.com' }))).toBe(
      'refused (set registry-username/registry-password or docker login)',
    );
    expect(describeError(new RegistryError('REGISTRY_ACCESS_DENIED', 'refused', { host: 'azurecr.io.example.com' }))).not.toMatch(/Acr/);
  });

  it('folds lines and handles values that are not errors', () => {
    expect(describeError(new Error('first\n  second'))).toBe('first second');
    expect(describeError('a string')).toBe('a string');
    expect(describeError(undefined)).toBe('undefined');
    expect(describeError(new Error(''))).toBe('unknown error');
  });
});
