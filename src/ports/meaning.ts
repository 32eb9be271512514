import type { PortReport } from './lookup.ts';
import { isReservedFor } from './services.ts';

/** What a lookup means for the person asking; each points to the knowledge topic that explains it. */
export type HintCode =
  | 'in-use'
  | 'exposed'
  | 'dual-stack'
  | 'loopback-only'
  | 'specific-address'
  | 'free'
  | 'free-privileged'
  | 'free-service'
  | 'privileged'
  | 'ephemeral'
  | 'owner-unseen'
  | 'probe-only';

export interface Hint {
  code: HintCode;
  topic: string;
}

export function hintsFor(report: PortReport): Hint[] {
  const hints: Hint[] = [];
  const add = (code: HintCode, topic: string) => hints.push({ code, topic });
  const { listeners } = report;
  if (report.inUse) add('in-use', 'port-conflict');
  if (listeners.some((l) => l.scope === 'all')) add('exposed', 'bind-all-interfaces');
  if (listeners.some((l) => l.dualStack)) add('dual-stack', 'bind-all-interfaces/ipv6');
  if (report.inUse && listeners.every((l) => l.scope === 'loopback')) add('loopback-only', 'localhost');
  if (listeners.some((l) => l.scope === 'specific')) add('specific-address', 'lan-ip');
  // A free privileged port, or a known service's port (3306 MySQL, 2375 Docker), is no place to start an app.
  if (!report.inUse) {
    if (report.range.privileged) add('free-privileged', 'ports/privileged');
    else if (isReservedFor(report.service)) add('free-service', 'well-known-ports');
    else add('free', 'flask-run-options');
  }
  if (report.range.privileged && !report.botMayBind) add('privileged', 'ports/privileged');
  if (report.range.ephemeral) add('ephemeral', 'ports');
  if (!report.ownersHidden && listeners.some((l) => l.pid === null)) add('owner-unseen', 'network-diagnostics');
  if (report.certainty === 'probe') add('probe-only', 'network-diagnostics');
  return hints;
}
