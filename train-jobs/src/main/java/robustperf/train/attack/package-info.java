/** Training-time attacks (PGD-K, FGSM with random start, N-FGSM) and the threat model's ball. */
package robustperf.train.attack;
