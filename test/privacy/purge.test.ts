/** `pasapas purge` (purge.scenario.ts) on one real Redis server. */
import { connectRedis } from '../helpers/redis';
import { purgeScenario } from './purge.scenario';

purgeScenario('real Redis', connectRedis);
