/**
 * A lab host made to answer as a CentOS 7.9 server: the stubs of test/fixtures/centos7 (rpm,
 * yum, systemctl, SELinux tools, nginx...) put first on its PATH over SSH, with the release
 * files and `nginx -V` answers of test/fixtures/redhat. Every stub call is logged on the host.
 */
import { spawn } from 'node:child_process';
import { labSsh } from '../helpers/lab-ssh.js';
import { join, resolve } from 'node:path';
import type { LabHost, LabInfo } from '../../runner/lab/index.js';

export const projectRoot = resolve(import.meta.dirname, '../..');
const stubFixtures = join(projectRoot, 'test/fixtures/centos7');
const redhatFixtures = join(projectRoot, 'test/fixtures/redhat');
/** Where the fixtures go on the host; lib.sh and setup.sh expect these paths. */
const remoteLib = '/usr/local/lib/centos7';
export const stubLogPath = '/var/log/centos7-stub.log';

export interface Run { code: number; stdout: string; stderr: string }

/** `ssh root@host command` with the lab's key and known_hosts (host key checking on). */
export function ssh(lab: LabInfo, host: LabHost, command: string, stdin?: NodeJS.ReadableStream): Promise<Run> {
  return labSsh(lab, `root@${host.address}`, command, stdin);
}

/** Runs a command on the host and returns its stdout; any non-zero exit is an error. */
export async function onHost(lab: LabInfo, host: LabHost, command: string): Promise<string> {
  const r = await ssh(lab, host, command);
  if (r.code !== 0) throw new Error(`${command} on ${host.name} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Copies a local folder's listed entries into a folder on the host (tar over ssh). */
async function copyTo(lab: LabInfo, host: LabHost, localDir: string, entries: string[], remoteDir: string): Promise<void> {
  const tar = spawn('tar', ['-C', localDir, '-cf', '-', ...entries], { stdio: ['ignore', 'pipe', 'inherit'] });
  const r = await ssh(lab, host, `mkdir -p ${remoteDir} && tar -C ${remoteDir} -xf -`, tar.stdout);
  if (r.code !== 0) throw new Error(`copying ${localDir} to ${host.name}:${remoteDir} failed: ${r.stderr.trim()}`);
}

/** Turns a fresh lab host into the scripted CentOS 7 host (see test/fixtures/centos7/setup.sh). */
export async function makeCentos7(lab: LabInfo, host: LabHost): Promise<void> {
  await onHost(lab, host, `rm -rf ${remoteLib}`);
  await copyTo(lab, host, stubFixtures, ['.'], remoteLib);
  await copyTo(lab, host, redhatFixtures, ['os-release', 'redhat-release', 'nginx-V-stock.txt'], `${remoteLib}/answers`);
  await onHost(lab, host, `sh ${remoteLib}/setup.sh`);
}

/** The stub calls logged so far, one per line ("yum -y install epel-release"). */
export async function stubLog(lab: LabInfo, host: LabHost): Promise<string[]> {
  return (await onHost(lab, host, `cat ${stubLogPath}`)).split('\n').filter(Boolean);
}

/** The host's changed files as the machine sees them: the upper layer of its overlay root. */
export function upperDir(lab: LabInfo, host: LabHost): string {
  return join(lab.dir, 'hosts', host.name, 'upper');
}
