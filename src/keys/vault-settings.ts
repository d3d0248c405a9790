/** Where a `hashivault://` key's Vault (or OpenBao) server is and how to reach it; read from the environment by the action layer. */
export interface VaultSettings {
  /** `VAULT_ADDR`. */
  address?: URL;
  /** `VAULT_TOKEN`: sent only as `X-Vault-Token` to `address`, never printed. */
  token?: string;
  /** `VAULT_NAMESPACE` (Vault Enterprise, HCP Vault). */
  namespace?: string;
  /** `VAULT_CACERT`: a PEM file of CAs for the Vault server. */
  caCertFile?: string;
  /** The transit engine's mount path: `TRANSIT_SECRET_ENGINE_PATH`, default `transit`. */
  mountPath: string;
}
