/** Events the engine emits; the output layer (human, json) subscribes. The engine never prints. */
import type { Play, Task, SourcePos } from '../load/ir.js';
import type { TaskResult, HostStats } from './results.js';

export type EngineEvent =
  | { type: 'playbook-start'; path: string; check: boolean }
  | { type: 'play-start'; play: Play; hosts: string[] }
  | { type: 'no-hosts'; play: Play; pattern: string }
  | { type: 'task-start'; id: string; title: string; task?: Task; handler: boolean; pos?: SourcePos }
  | { type: 'host-start'; id: string; host: string }
  | { type: 'host-result'; id: string; host: string; title: string; result: TaskResult; handler: boolean }
  | { type: 'task-end'; id: string }
  | { type: 'progress'; host: string; line: string }
  | { type: 'retry'; host: string; title: string; retriesLeft: number }
  | { type: 'warning'; message: string; host?: string }
  | { type: 'play-abort'; play: Play; reason: string }
  | { type: 'recap'; stats: Map<string, HostStats>; elapsedMs: number };

export type EventSink = (event: EngineEvent) => void;
