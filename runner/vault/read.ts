/** Files on the controller, decrypted when Ansible Vault encrypted them (vars files, task files, copy and template sources). */
import { readInput } from '../plans/controller-reads.js';
import { isVaulted } from './format.js';
import { decryptVault } from './keyring.js';

export function readControllerFile(path: string): Buffer {
  const data = readInput(path);
  return isVaulted(data) ? decryptVault(data.toString('utf8'), path) : data;
}

export function readControllerText(path: string): string {
  return readControllerFile(path).toString('utf8');
}
