/**
 * Training methods as composable pieces: an {@link robustperf.train.method.Objective} (standard,
 * adversarial cross-entropy, TRADES, MART), a step on it (with optional AWP), Free AT's replays,
 * and weight averaging.
 */
package robustperf.train.method;
