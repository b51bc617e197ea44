/**
 * A training run's records as it goes: the manifest when it starts, one file per epoch and per
 * evaluation, each written atomically, so a killed run leaves only complete files behind.
 */
package robustperf.train.run;
