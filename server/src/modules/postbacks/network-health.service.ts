import type { NetworkHealth, NetworkHealthList } from '@shared/contracts/admin-money.js';
import type { Clock } from '../../platform/clock.js';
import type { NetworksRepository } from '../networks/index.js';
import type { PostbackInboxRepository } from './postback-inbox.repository.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far before the silence window we look to decide whether a network usually sends. */
const USUAL_WINDOW_MS = 30 * DAY_MS;

/**
 * Whether networks are still talking to us, from the postback inbox. A network that sent anything
 * in the 30 days before the silence window "usually sends"; if such a network (still active) has
 * sent nothing for `silenceAlertHours`, something broke — a rotated secret, a changed URL, an
 * outage on either side — and money is quietly not arriving. Uses the (network_id, received_at)
 * index: a handful of index lookups per network.
 */
export class NetworkHealthService {
  constructor(
    private readonly deps: {
      inbox: PostbackInboxRepository;
      networks: NetworksRepository;
      clock: Clock;
      silenceAlertHours: number;
    },
  ) {}

  async report(): Promise<NetworkHealthList> {
    const now = this.deps.clock.now();
    const silenceStart = new Date(now.getTime() - this.deps.silenceAlertHours * HOUR_MS);
    const usualStart = new Date(silenceStart.getTime() - USUAL_WINDOW_MS);
    const dayAgo = new Date(now.getTime() - DAY_MS);
    const items: NetworkHealth[] = [];
    for (const network of await this.deps.networks.all()) {
      const traffic = await this.deps.inbox.trafficOf(network.id, { dayAgo, usualStart, silenceStart });
      items.push({
        slug: network.slug,
        name: network.name,
        kind: network.kind,
        isActive: network.isActive,
        lastPostbackAt: traffic.lastReceivedAt?.toISOString() ?? null,
        postbacksLast24h: traffic.last24h,
        usuallySends: traffic.usuallySends,
        silent:
          network.isActive &&
          traffic.usuallySends &&
          (traffic.lastReceivedAt === null || traffic.lastReceivedAt < silenceStart),
      });
    }
    return { items, silenceAlertHours: this.deps.silenceAlertHours, checkedAt: now.toISOString() };
  }

  /**
   * The networks to warn about now. For a periodic check (e.g. an hourly timer in `main.ts` that
   * logs a warning per silent network); the admin API shows the same through `report`.
   */
  async silentNetworks(): Promise<NetworkHealth[]> {
    return (await this.report()).items.filter((network) => network.silent);
  }
}
