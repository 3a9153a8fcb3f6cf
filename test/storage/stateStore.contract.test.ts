/** The StateStore contract (stateStore.contract.ts) on memory and on a real Redis server. */
import { connectRedis } from '../helpers/redis';
import { memoryStateStore, redisStateStore, redisStateStoreDetails, stateStoreContract } from './stateStore.contract';

stateStoreContract([memoryStateStore, redisStateStore('redis', connectRedis)]);
redisStateStoreDetails('real Redis', connectRedis);
