/**
 * The stores' contracts, unchanged, on a real 3-master Redis Cluster through ioredis' Cluster client
 * (the same contracts the default suite runs on memory and on one Redis server): every key a
 * command or a Lua script touches must be routable, every script's keys in one slot.
 */
import { handoffQueueContract, redisQueue } from '../handoff/queue.contract';
import { redisStateStore, redisStateStoreDetails, stateStoreContract } from '../storage/stateStore.contract';
import { contactStoreContract, redisContacts } from '../channels/contacts.contract';
import { redisReminders, reminderStoreContract } from '../reminders/store.contract';
import { connectCluster } from '../helpers/redis';

handoffQueueContract([redisQueue('redis cluster', connectCluster)]);
stateStoreContract([redisStateStore('redis cluster', connectCluster)]);
redisStateStoreDetails('a Redis Cluster', connectCluster);
contactStoreContract([redisContacts('redis cluster', connectCluster)]);
reminderStoreContract([redisReminders('redis cluster', connectCluster)]);
