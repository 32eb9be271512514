import type { PortReport } from './lookup.ts';

/** What a lookup means for the person asking; each points to the knowledge topic that explains it. */
export type HintCode =
  | 'in-use'
  | 'exposed'
  | 'dual-stack'
  | 'loopback-only'
  | 'specific-address'
  | 'free'
  | 'free-privileged'
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
  // A free privileged port is no place to start a dev server: say what it takes instead.
  if (!report.inUse) add(report.range.privileged ? 'free-privileged' : 'free', report.range.privileged ? 'ports/privileged' : 'flask-run-options');
  if (report.range.privileged && !report.botMayBind) add('privileged', 'ports/privileged');
  if (report.range.ephemeral) add('ephemeral', 'ports');
  if (!report.ownersHidden && listeners.some((l) => l.pid === null)) add('owner-unseen', 'network-diagnostics');
  if (report.certainty === 'probe') add('probe-only', 'network-diagnostics');
  return hints;
}
