/**
 * Starting a shell through sudo on an open connection. sudo reads the password from the
 * channel's stdin when it prompts (with a prompt string of ours, so it is recognised without a
 * terminal); the password never appears on a command line. A second prompt means the password
 * was wrong, and we stop there rather than let sudo count more failures.
 */
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import { shq, type Become } from './connection.js';

/** sudo refused: wrong or missing password, user not allowed, sudo missing. Not an unreachable host. */
export class BecomeError extends Error {
  override name = 'BecomeError';
}

/** How long sudo may take to start the shell (it can be slow to time out on a name lookup). */
const BECOME_TIMEOUT_MS = 30_000;

/** How long the host may take to open a channel (a live connection whose sshd is stuck). */
export const CHANNEL_OPEN_MS = 30_000;

/** Opens `command` as an exec channel; resolves once the channel exists, rejects past the deadline. */
export function openChannel(client: Client, command: string, deadlineMs = CHANNEL_OPEN_MS): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error(`the host did not open a session channel within ${deadlineMs / 1000} s`));
    }, deadlineMs);
    client.exec(command, (err, channel) => {
      clearTimeout(timer);
      if (late) channel?.close();
      else if (err) reject(err);
      else resolve(channel);
    });
  });
}

/**
 * A channel running /bin/sh as `become.user` via sudo, ready for commands. `who` names the
 * login for messages ("operator@web1").
 */
export async function openSudoChannel(client: Client, become: Become, who: string): Promise<ClientChannel> {
  const token = randomBytes(8).toString('hex');
  const prompt = `[showrunner-sudo-${token}]`;
  const ready = `showrunner-ready-${token}`;
  const command = `sudo -H -S -p ${shq(prompt)} -u ${shq(become.user)} /bin/sh -c ${shq(`echo ${ready}; exec /bin/sh`)}`;
  const channel = await openChannel(client, command);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let prompts = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      channel.removeListener('data', onOut);
      channel.stderr.removeListener('data', onErr);
      channel.removeListener('close', onClose);
      if (error) {
        channel.close();
        reject(error);
      } else {
        resolve(channel);
      }
    };
    const onOut = (d: Buffer) => {
      out += d.toString('latin1');
      if (out.includes(`${ready}\n`)) finish();
    };
    const onErr = (d: Buffer) => {
      err += d.toString('utf8');
      while (err.includes(prompt)) {
        err = err.replace(prompt, '');
        prompts++;
        if (become.password === undefined) {
          return finish(new BecomeError(`sudo: a password is required for ${who} to become ${become.user} (set ansible_become_password)`));
        }
        if (prompts > 1) return finish(new BecomeError(`sudo: incorrect password for ${who} (to become ${become.user})`));
        channel.write(`${become.password}\n`);
      }
    };
    const onClose = () => {
      const said = err.replace(/Sorry, try again\.\s*/g, '').trim();
      finish(new BecomeError(`sudo to ${become.user} failed for ${who}${said ? `: ${said}` : ''}`));
    };
    const timer = setTimeout(
      () => finish(new BecomeError(`sudo to ${become.user} for ${who} did not start a shell within ${BECOME_TIMEOUT_MS / 1000} s`)),
      BECOME_TIMEOUT_MS,
    );
    channel.on('data', onOut);
    channel.stderr.on('data', onErr);
    channel.on('close', onClose);
  });
}
