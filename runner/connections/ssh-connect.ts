/**
 * Opening an authenticated ssh2 Client for a target, through its bastion when it has one. Every
 * failure becomes an UnreachableError that names the host and port and says why, since that is
 * all a user can act on (host down, wrong port, key refused, host key refused).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type AuthHandlerMiddleware, type Client, type ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import { UnreachableError } from './connection.js';
import { hostKeyRefusal, preferredHostKeyAlgorithms } from './ssh-host-key.js';
import type { SshTarget } from './ssh-target.js';

/** An open client plus the bastion clients under it (closed together). */
export interface OpenClient {
  client: Client;
  bastions: Client[];
}

// ssh2 is CommonJS: take its values from the default export so plain Node ESM can load this too.
const { Client: SshClient, utils } = ssh2;

const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export async function openClient(target: SshTarget): Promise<OpenClient> {
  const bastions: Client[] = [];
  let sock: Duplex | undefined;
  if (target.proxyJump) {
    const jump = await openClient(target.proxyJump);
    bastions.push(...jump.bastions, jump.client);
    try {
      sock = await forward(jump.client, target);
    } catch (e) {
      for (const b of bastions) b.end();
      throw e;
    }
  }
  try {
    const client = await connectOne(target, sock);
    return { client, bastions };
  } catch (e) {
    for (const b of bastions) b.end();
    throw e;
  }
}

function forward(jump: Client, target: SshTarget): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, target.host, target.port, (err, stream) => {
      if (err) reject(new UnreachableError(`${where(target)}: the bastion ${target.proxyJump!.name} could not open a channel to it: ${err.message}`));
      else resolve(stream);
    });
  });
}

/** Keepalives: how often, and how many may go unanswered before the link counts as dead. */
export const KEEPALIVE_MS = 5_000;
export const KEEPALIVE_COUNT = 3;

function connectOne(target: SshTarget, sock: Duplex | undefined): Promise<Client> {
  const client = new SshClient();
  let refusal: string | undefined;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: target.connectTimeoutMs,
    // A link that goes silent (cable cut, packets dropped) ends the connection within about 20 s:
    // a keepalive every 5 s, the fourth unanswered one closes it, and the host is UNREACHABLE.
    keepaliveInterval: KEEPALIVE_MS,
    keepaliveCountMax: KEEPALIVE_COUNT,
    authHandler: authHandler(target),
    hostVerifier: (key: Buffer) => {
      refusal = hostKeyRefusal(target, key);
      return refusal === undefined;
    },
  };
  if (sock) config.sock = sock;
  const algorithms = preferredHostKeyAlgorithms(target);
  if (algorithms) config.algorithms = { serverHostKey: algorithms as never };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      client.destroy();
      reject(new UnreachableError(message));
    };
    // ssh2's readyTimeout does not cover every stall (a bastion channel that never answers).
    const timer = setTimeout(() => fail(`${where(target)}: connection timed out after ${target.connectTimeoutMs / 1000} s`), target.connectTimeoutMs + 1000);
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      fail(`${where(target)}: ${refusal ?? describe(err, target)}`);
    });
    client.on('close', () => fail(`${where(target)}: ${refusal ?? 'connection closed during the handshake'}`));
    try {
      client.connect(config);
      // Small packets go at once: with Nagle's algorithm on, a request written right after
      // another (SFTP's open, write, close; a window adjust) waits for the host's delayed ACK,
      // about 40 ms each time.
      client.setNoDelay(true);
      skipHostKeysProof(client);
    } catch (e) {
      fail(`${where(target)}: ${(e as Error).message}`);
    }
  });
}

/**
 * OpenSSH's sshd sends all its host keys after authentication (`hostkeys-00@openssh.com`), for a
 * client that updates its known_hosts from them. ssh2 asks the server to prove each one (a
 * signature per key on the host, a verification per key here) and nothing of ours uses them: the
 * known host key was verified in the key exchange. The announcement is left unanswered, as the
 * protocol allows (it wants no reply). Reaches into ssh2's message handlers; any other shape of
 * them leaves ssh2 as it is.
 */
function skipHostKeysProof(client: Client): void {
  type Handler = (p: unknown, name: string, wantReply: boolean, data: unknown) => void;
  const handlers = (client as unknown as { _protocol?: { _handlers?: Record<string, Handler | undefined> } })._protocol?._handlers;
  const global = handlers?.GLOBAL_REQUEST;
  if (!handlers || typeof global !== 'function') return;
  handlers.GLOBAL_REQUEST = (p, name, wantReply, data) => {
    if (name === 'hostkeys-00@openssh.com' && !wantReply) return;
    global(p, name, wantReply, data);
  };
}

function describe(err: Error & { level?: string; code?: string }, target: SshTarget): string {
  if (err.level === 'client-authentication') {
    return `permission denied for user ${target.user} (tried: ${triedMethods(target).join(', ') || 'nothing'})`;
  }
  if (err.level === 'client-timeout') return `connection timed out after ${target.connectTimeoutMs / 1000} s`;
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `could not resolve host name ${target.host}`;
  if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') return 'no route to host';
  return err.message;
}

function where(target: SshTarget): string {
  const via = target.proxyJump ? ` via ${target.proxyJump.name}` : '';
  return `ssh to ${target.name} (${target.user}@${target.host} port ${target.port}${via})`;
}

function triedMethods(target: SshTarget): string[] {
  const tried: string[] = [];
  if (agentSocket(target)) tried.push('ssh-agent');
  for (const f of keyFiles(target)) tried.push(`key ${f}`);
  if (target.password !== undefined) tried.push('password');
  return tried;
}

function agentSocket(target: SshTarget): string | undefined {
  return target.useAgent ? process.env.SSH_AUTH_SOCK || undefined : undefined;
}

/** The named key, or else the default identities that exist (as ssh tries them). */
function keyFiles(target: SshTarget): string[] {
  if (target.privateKeyFile) return [target.privateKeyFile];
  return DEFAULT_IDENTITIES.map((n) => join(homedir(), '.ssh', n)).filter((p) => existsSync(p));
}

/** Keys parsed so far, by their text: many hosts reached with one key parse it once. */
const parsedKeys = new Map<string, ReturnType<typeof utils.parseKey>>();

function parsedKey(text: Buffer): ReturnType<typeof utils.parseKey> {
  const id = text.toString('latin1');
  let parsed = parsedKeys.get(id);
  if (!parsed) parsedKeys.set(id, (parsed = utils.parseKey(text)));
  return parsed;
}

/** Methods in ssh's order (agent, keys, password, keyboard-interactive), skipping what the server does not offer. */
function authHandler(target: SshTarget) {
  const methods: AnyAuthMethod[] = [];
  const username = target.user;
  const agent = agentSocket(target);
  if (agent) methods.push({ type: 'agent', username, agent });
  for (const file of keyFiles(target)) {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch (e) {
      if (file === target.privateKeyFile) throw new UnreachableError(`ssh to ${target.name}: cannot read private key ${file}: ${(e as Error).message}`);
      continue;
    }
    const parsed = parsedKey(key);
    if (parsed instanceof Error) {
      if (file === target.privateKeyFile) {
        throw new UnreachableError(`ssh to ${target.name}: cannot use private key ${file}: ${parsed.message} (a key with a passphrase must be loaded into ssh-agent)`);
      }
      continue;
    }
    methods.push({ type: 'publickey', username, key: parsed });
  }
  const password = target.password;
  if (password !== undefined) {
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  let next = 0;
  const handler: AuthHandlerMiddleware = (authsLeft: AuthenticationType[] | null, _partial, cb) => {
    while (next < methods.length) {
      const m = methods[next++]!;
      const offered = m.type === 'agent' ? 'publickey' : m.type;
      if (!authsLeft || authsLeft.includes(offered)) return cb(m);
    }
    // ssh2 takes `false` as "no more methods"; its types do not say so.
    return cb(false as unknown as AnyAuthMethod);
  };
  return handler;
}
