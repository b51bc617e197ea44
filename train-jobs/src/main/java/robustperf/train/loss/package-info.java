/** Losses of the training methods (cross-entropy, KL, TRADES, MART). */
package robustperf.train.loss;
