/** The modules that manage the system itself: commands, packages, services, accounts, waiting, a stream checked end to end. */
import type { ModuleDefinition } from '../contract.js';
import command from './command.js';
import shell from './shell.js';
import pkg from './package.js';
import apt from './apt.js';
import yum from './yum.js';
import dnf from './dnf.js';
import service from './service.js';
import systemd from './systemd.js';
import user from './user.js';
import group from './group.js';
import waitFor from './wait_for.js';
import raw from './raw.js';
import script from './script.js';
import getent from './getent.js';
import sysctl from './sysctl.js';
import hostname from './hostname.js';
import timezone from './timezone.js';
import cron from './cron.js';
import packageFacts from './package_facts.js';
import serviceFacts from './service_facts.js';
import aptRepository from './apt_repository.js';
import uri from './uri.js';
import streamCheck from './stream_check.js';
import asyncStatus from './async_status.js';
import iptables from './iptables.js';

export const systemModules: ModuleDefinition<any>[] = [command, shell, pkg, apt, yum, dnf, service, systemd, user, group, waitFor, raw, script, getent, sysctl, hostname, timezone, cron, packageFacts, serviceFacts, aptRepository, uri, streamCheck, asyncStatus, iptables];
