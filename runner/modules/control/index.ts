import type { ModuleDefinition } from '../contract.js';
import debug from './debug.js';
import assert from './assert.js';
import fail from './fail.js';
import setFact from './set-fact.js';
import meta from './meta.js';
import includeVars from './include-vars.js';
import ping from './ping.js';
import pause from './pause.js';
import setup from './setup.js';
import validateArgumentSpec from './validate_argument_spec.js';
import groupBy from './group-by.js';
import addHost from './add-host.js';

export const controlModules: ModuleDefinition<any>[] = [debug, assert, fail, setFact, meta, includeVars, ping, pause, setup, validateArgumentSpec, groupBy, addHost];
