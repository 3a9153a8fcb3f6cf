/** "Effacer mes données" (erase.scenario.ts) on one real Redis server. */
import { eraseScenario } from './erase.scenario';

eraseScenario(true);
