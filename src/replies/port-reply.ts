import type { KnowledgeBase, Lang } from '../knowledge/topic.ts';
import type { Listener, PortReport } from '../ports/lookup.ts';
import { hintsFor, type Hint } from '../ports/meaning.ts';
import { portInputError, type PortInputProblem } from '../ports/parse-port.ts';
import { LIMITS, truncate } from './limits.ts';
import { COLORS, type EmbedField, type Reply } from './reply.ts';
import { RELATED_MENU_ID } from './topic-reply.ts';

type Say = (en: string, ko: string) => string;
const sayer = (lang: Lang): Say => (en, ko) => (lang === 'ko' ? ko : en);

const MAX_LISTENER_LINES = 12;

/** /port's answer: what the port is for, whether something holds it here, what that means, free ports nearby. */
export function portReply(report: PortReport, lang: Lang, kb: KnowledgeBase): Reply {
  const say = sayer(lang);
  const { port, service } = report;
  const lines: string[] = [];
  lines.push(
    service
      ? `${say('Usually', '보통 용도')}: **${service.name}**${service.range ? ` (${service.range[0]}–${service.range[1]})` : ''} — ${service.description[lang]}${service.note ? `\n> ${service.note[lang]}` : ''}`
      : say('No well-known service uses this port.', '이 포트를 쓰는 잘 알려진 서비스는 없습니다.'),
  );
  lines.push(`${say('Range', '범위')}: ${rangeText(report, say)}`);
  lines.push(
    report.inUse
      ? say(`**In use** on the bot's host (${report.listeners.length} socket${report.listeners.length === 1 ? '' : 's'}).`, `봇 호스트에서 **사용 중**입니다(소켓 ${report.listeners.length}개).`)
      : say("**Free** on the bot's host at the time of the check.", '확인한 시점에 봇 호스트에서 **비어 있습니다**.'),
  );
  const fields: EmbedField[] = [];
  if (report.listeners.length) {
    const shown = report.listeners.slice(0, MAX_LISTENER_LINES).map((l) => listenerLine(l, report, say));
    if (report.listeners.length > MAX_LISTENER_LINES) shown.push(say(`…and ${report.listeners.length - MAX_LISTENER_LINES} more`, `…외 ${report.listeners.length - MAX_LISTENER_LINES}개`));
    fields.push({ name: say('Listening', '리슨 중'), value: truncate(shown.join('\n'), LIMITS.fieldValue) });
  }
  const hints = hintsFor(report);
  if (hints.length) {
    fields.push({ name: say('What it means', '의미'), value: truncate(hints.map((h) => `• ${hintText(h, report, say)}`).join('\n'), LIMITS.fieldValue) });
  }
  if (report.suggestions.length) {
    fields.push({
      name: say('Free nearby', '근처의 빈 포트'),
      value: `${report.suggestions.join(', ')} — ${say('free at the time of the check', '확인한 시점에 비어 있음')}`,
    });
  }
  const topics = [...new Set(hints.map((h) => h.topic))].map((id) => kb.byId.get(id)).filter((t) => t !== undefined);
  return {
    outcome: 'answered',
    embeds: [
      {
        title: `${say('Port', '포트')} ${port}${service ? ` — ${service.name}` : ''}`,
        description: lines.join('\n'),
        color: report.inUse ? COLORS.portBusy : COLORS.port,
        fields,
        footer: say(
          `Read-only check of the bot's own host (${report.method}${report.certainty === 'probe' ? ', bind probe: less certain' : ''}). The bot never stops processes.`,
          `봇 자신의 호스트만 읽기 전용으로 확인했습니다(${report.method}${report.certainty === 'probe' ? ', 바인드 시험: 덜 정확함' : ''}). 봇은 프로세스를 종료하지 않습니다.`,
        ),
      },
    ],
    components: topics.length
      ? [[{
          type: 'select',
          customId: RELATED_MENU_ID,
          placeholder: say('Read more', '더 읽기'),
          options: topics.map((t) => ({ label: truncate(t.title[lang], LIMITS.selectLabel), value: t.id, description: truncate(t.summary[lang], LIMITS.selectDescription) })),
        }]]
      : [],
  };
}

export function portErrorReply(problem: PortInputProblem, input: string, lang: Lang): Reply {
  return { content: `⚠️ ${portInputError(problem, input, lang)}`, ephemeral: true, outcome: 'declined' };
}

function rangeText(report: PortReport, say: Say): string {
  const names = {
    'well-known': say('well-known 0–1023', '잘 알려진 포트 0~1023'),
    registered: say('registered 1024–49151', '등록된 포트 1024~49151'),
    dynamic: say('dynamic 49152–65535', '동적 포트 49152~65535'),
  };
  const parts = [names[report.range.class]];
  if (report.range.privileged) parts.push(say('privileged here (binding needs root)', '이 호스트에서 특권 포트(바인딩에 root 필요)'));
  if (report.range.ephemeral && report.range.ephemeralRange) {
    const [low, high] = report.range.ephemeralRange;
    parts.push(say(`inside this host's ephemeral range ${low}–${high}`, `이 호스트의 임시 포트 범위 ${low}~${high} 안`));
  }
  return parts.join('; ');
}

function listenerLine(l: Listener, report: PortReport, say: Say): string {
  const endpoint = l.family === 6 ? `[${l.address}]:${report.port}` : `${l.address}:${report.port}`;
  const scope = {
    loopback: say('this machine only', '이 컴퓨터에서만'),
    all: l.dualStack ? say('all interfaces, IPv4 and IPv6', '모든 인터페이스, IPv4·IPv6 모두') : say('all interfaces', '모든 인터페이스'),
    specific: say('one interface', '한 인터페이스'),
  }[l.scope];
  let owner: string;
  if (report.ownersHidden) owner = say('owner hidden by configuration', '설정에 따라 주인 프로세스 숨김');
  else if (l.pid !== null) owner = `${l.process ?? '?'} (pid ${l.pid})`;
  else if (l.uid !== null) owner = say(`process not visible to the bot; owned by ${l.user ?? 'uid'} (uid ${l.uid})`, `봇이 볼 수 없는 프로세스, 소유자 ${l.user ?? 'uid'}(uid ${l.uid})`);
  else owner = say('process not visible to the bot', '봇이 볼 수 없는 프로세스');
  return `\`${l.protocol.toUpperCase()} ${endpoint}\` — ${scope} — ${owner}`;
}

function hintText(hint: Hint, report: PortReport, say: Say): string {
  const p = report.port;
  const more = `\`/explain ${hint.topic}\``;
  switch (hint.code) {
    case 'in-use':
      return say(
        `Another program can't listen here now ("address already in use"). Pick a free port, or stop the owner yourself if it is yours (\`kill <pid>\`). ${more}`,
        `지금은 다른 프로그램이 여기서 리슨할 수 없습니다("address already in use"). 빈 포트를 고르거나, 내 프로세스라면 직접 종료하세요(\`kill <pid>\`). ${more}`,
      );
    case 'exposed':
      return say(`Bound to all interfaces: reachable from the network, as far as the firewall allows. ${more}`, `모든 인터페이스에 바인딩됨: 방화벽이 허용하는 한 네트워크에서 접속할 수 있습니다. ${more}`);
    case 'dual-stack':
      return say(`A socket on \`::\` here also accepts IPv4 (bindv6only=0). ${more}`, `이 호스트에서 \`::\` 소켓은 IPv4 접속도 받습니다(bindv6only=0). ${more}`);
    case 'loopback-only':
      return say(`Loopback only: other machines cannot reach it. ${more}`, `루프백 전용: 다른 컴퓨터에서는 접속할 수 없습니다. ${more}`);
    case 'specific-address':
      return say(`Bound to one address: reachable only through that interface. ${more}`, `한 주소에만 바인딩됨: 그 인터페이스로만 접속됩니다. ${more}`);
    case 'free':
      return say(`Free: start on it, e.g. \`flask run --port ${p}\` or \`app.run(port=${p})\`. ${more}`, `비어 있음: 예를 들어 \`flask run --port ${p}\`나 \`app.run(port=${p})\`로 띄우세요. ${more}`);
    case 'free-service': {
      const name = report.service?.name ?? '';
      return say(
        `Nothing listens here now, but this is ${name}'s port: keep it for ${name} and start your app on another port (the free ones below). ${more}`,
        `지금 리슨하는 것은 없지만 ${name}의 포트입니다. ${name}용으로 두고, 앱은 다른 포트(아래의 빈 포트)에서 띄우세요. ${more}`,
      );
    }
    case 'free-privileged':
      return say(
        `Nothing listens here. It is a privileged port: a server needs root or CAP_NET_BIND_SERVICE to bind it; for development pick a port from 1024 up. ${more}`,
        `여기서 리슨하는 것은 없습니다. 특권 포트라 서버를 띄우려면 root나 CAP_NET_BIND_SERVICE가 필요합니다. 개발용이면 1024 이상을 고르세요. ${more}`,
      );
    case 'privileged':
      return say(`Privileged here: a normal user gets "Permission denied" (EACCES), which is not "in use". ${more}`, `특권 포트: 일반 사용자는 "Permission denied"(EACCES)를 받습니다. "사용 중"과는 다릅니다. ${more}`);
    case 'ephemeral':
      return say(`Outgoing connections may borrow this port for a while; a server is safer outside the ephemeral range. ${more}`, `나가는 연결이 이 포트를 잠시 빌려 쓸 수 있으니, 서버는 임시 포트 범위 밖이 안전합니다. ${more}`);
    case 'owner-unseen':
      return say(`The owner runs as another user or in another container; on the host, \`sudo ss -ltnup 'sport = :${p}'\` shows it. ${more}`, `주인 프로세스가 다른 사용자나 다른 컨테이너에서 돕니다. 호스트에서 \`sudo ss -ltnup 'sport = :${p}'\`로 볼 수 있습니다. ${more}`);
    case 'probe-only':
      return say(`This host's socket tables could not be read; a bind probe only tells whether the port can be taken. ${more}`, `이 호스트의 소켓 표를 읽을 수 없어, 바인드 시험으로 쓸 수 있는지만 확인했습니다. ${more}`);
  }
}
