/** What a client sees when it opens a TCP connection: the firewall's answer, not a guess. */
import { connect } from 'node:net';

export type TcpOutcome = 'open' | 'refused' | 'host-prohibited' | 'no-answer';

/** Connects once; `no-answer` after waitMs means packets were dropped silently. */
export function probeTcp(host: string, port: number, waitMs = 5000): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: TcpOutcome) => { socket.destroy(); clearTimeout(timer); resolve(outcome); };
    const timer = setTimeout(() => done('no-answer'), waitMs);
    socket.once('connect', () => done('open'));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') done('refused');
      else if (err.code === 'EHOSTUNREACH') done('host-prohibited');
      else done('no-answer');
    });
  });
}
