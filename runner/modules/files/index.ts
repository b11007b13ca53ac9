/** The modules that manage files, directories and their content on a host. */
import type { ModuleDefinition } from '../contract.js';
import copy from './copy.js';
import template from './template.js';
import file from './file.js';
import lineinfile from './lineinfile.js';
import stat from './stat.js';
import getUrl from './get_url.js';
import unarchive from './unarchive.js';
import blockinfile from './blockinfile.js';
import slurp from './slurp.js';
import replace from './replace.js';
import find from './find.js';
import fetch from './fetch.js';
import iniFile from './ini_file.js';
import tempfile from './tempfile.js';

export const fileModules: ModuleDefinition<any>[] = [copy, template, file, lineinfile, blockinfile, stat, getUrl, unarchive, slurp, replace, find, fetch, iniFile, tempfile];
