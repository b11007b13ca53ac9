/** Events the engine emits; the output layer (human, json) subscribes. The engine never prints. */
import type { Play, Task, SourcePos } from '../load/ir.js';
import type { TaskResult, HostStats } from './results.js';

export type EngineEvent =
  | { type: 'playbook-start'; path: string; check: boolean }
  | { type: 'play-start'; play: Play; hosts: string[] }
  | { type: 'no-hosts'; play: Play; pattern: string }
  | { type: 'task-start'; id: number; title: string; task?: Task; handler: boolean; pos?: SourcePos }
  | { type: 'host-start'; id: number; host: string }
  | { type: 'host-result'; id: number; host: string; title: string; result: TaskResult; handler: boolean }
  | { type: 'task-end'; id: number }
  | { type: 'progress'; host: string; line: string }
  | { type: 'retry'; host: string; title: string; retriesLeft: number }
  | { type: 'warning'; message: string; host?: string }
  | { type: 'play-abort'; play: Play; reason: string }
  | { type: 'recap'; stats: Map<string, HostStats>; elapsedMs: number };

export type EventSink = (event: EngineEvent) => void;
