import { accountsModule } from '@/lib/accounts/module';
import { channelsModule } from '@/lib/channels/module';
import { homeModule } from '@/lib/home/module';
import { leadsModule } from '@/lib/leads/module';
import { installModules } from '@/lib/modules/registry';
import { opsModule } from '@/lib/ops/module';
import { peopleModule } from '@/lib/people/module';
import { sponsorsModule } from '@/lib/sponsors/module';
import { wishlistsModule } from '@/lib/wishlists/module';

/**
 * The registry: every module of Brisk, one line each, in dependency order (seeds run in this
 * order, the navigation shows products in this order). Importing this file installs them for
 * the process (lib/modules/registry.ts); each module's manifest is in lib/<module>/module.ts.
 */
export const modules = installModules([
  homeModule,
  peopleModule,
  wishlistsModule,
  leadsModule,
  channelsModule,
  sponsorsModule,
  accountsModule,
  opsModule,
]);
