/**
 * Training compute of leaderboard entries: their sourced training recipes
 * (data/compute/recipes.csv), the forward cost of the architectures they name
 * (data/compute/architectures.csv, counted by our FLOP counter), and the one convention that turns
 * the two into training FLOPs ({@link robustperf.records.compute.TrainingCompute}).
 */
package robustperf.records.compute;
