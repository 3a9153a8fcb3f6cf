/**
 * First steps of every turn: a message already handled is ignored (a provider's retry of a stored
 * turn), the territory and the citizen's language are set, the silence since the last message is
 * measured, and a citizen who said STOP (as their channel's record says) stays unanswered on SMS-like channels.
 */
import { TERRITORY, TERRITORY_UNKNOWN } from '../../conversation/keys';
import { CULTURE_OF, say } from '../../conversation/turn';
import { channelDataOf } from '../../conversation/channelData';
import { capabilitiesOf } from '../../channels/capabilities';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

export const prepare = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { ctx, conv, profile } = turn;
  // The same message again, its turn already stored: running it twice would skip a step (docs/reliability.md).
  const inboundId = ctx.activity.id;
  if (inboundId && conv.lastInboundId === inboundId) return;
  if (inboundId) conv.lastInboundId = inboundId;

  const channelData = channelDataOf(ctx);
  const channelTerritory = channelData.territory ?? kit.deps.defaultTerritory;
  // A national number: the territory the citizen's postal code chose earlier, or ask when it matters.
  if (channelData.territoryFallback && profile.territory) TERRITORY.set(ctx, profile.territory);
  else {
    TERRITORY.set(ctx, channelTerritory);
    if (channelData.territoryFallback) TERRITORY_UNKNOWN.set(ctx, true);
  }
  ctx.activity.locale = CULTURE_OF[profile.locale ?? kit.deps.defaultLocale];
  turn.idleFor = conv.lastSeenAt === undefined ? 0 : turn.now - conv.lastSeenAt;
  conv.lastSeenAt = turn.now;
  await next();
};

/** After STOP: silence on SMS-like channels until START; elsewhere a new message means "I'm back". */
export const optedOut = (kit: Kit): Step<Turn> => async (turn, next) => {
  // The channel keeps the only record of STOP (src/channels/webhook/contacts.ts) and says it on the activity.
  if (!channelDataOf(turn.ctx).optedOut) return next();
  if (turn.command === 'start') {
    await say(turn.ctx, { text: turn.t('command.start') });
    return kit.home.showHome(turn);
  }
  if (capabilitiesOf(turn.ctx.activity.channelId).silentAfterStop) return;
  await next();
};
