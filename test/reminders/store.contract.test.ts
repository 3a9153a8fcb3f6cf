/** The ReminderStore contract (store.contract.ts) on memory and on a real Redis server. */
import { connectRedis } from '../helpers/redis';
import { memoryReminders, redisReminders, reminderStoreContract } from './store.contract';

reminderStoreContract([memoryReminders, redisReminders('redis', connectRedis)]);
