/**
 * Privacy on a real Redis Cluster: "effacer mes données" leaves no trace on any master (handoffs of a
 * territory found by a SCAN of every master, web chat, contacts and counters in many slots), and
 * `pasapas purge` sees the keys of every master.
 */
import { eraseScenario } from '../privacy/erase.scenario';
import { purgeScenario } from '../privacy/purge.scenario';
import { connectCluster } from '../helpers/redis';

eraseScenario('cluster');
purgeScenario('a Redis Cluster', connectCluster);
