/** The HandoffQueue contract (queue.contract.ts) on memory and on a real Redis server. */
import { connectRedis } from '../helpers/redis';
import { handoffQueueContract, memoryQueue, memoryQueueRetention, redisQueue } from './queue.contract';

handoffQueueContract([memoryQueue, redisQueue('redis', connectRedis)]);
memoryQueueRetention();
