/** One training run end to end: recipes, the epoch loop, evaluation, checkpoints, records. */
package robustperf.train.loop;
