import { runGeometryTask, type GeometryTask } from './geometry-ops';

/** Piscina worker: heavy geometry checks off the event loop. */
export default function run(task: GeometryTask) {
  return runGeometryTask(task);
}
