// Loads a TypeScript worker module when the server runs from source (development, tests);
// the built server starts its workers from compiled JavaScript and never comes here.
import { workerData } from 'piscina';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.tsFile);
export default mod.default;
