/** The ContactStore contract (contacts.contract.ts) on memory and on a real Redis server. */
import { connectRedis } from '../helpers/redis';
import { contactStoreContract, memoryContacts, redisContacts } from './contacts.contract';

contactStoreContract([memoryContacts, redisContacts('redis', connectRedis)]);
