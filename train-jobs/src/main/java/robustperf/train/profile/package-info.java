/**
 * Where training time goes by layer type: the PyTorch profiler over the DJL engine, its Chrome
 * trace reduced to self time per operator, and operators grouped into layer categories.
 */
package robustperf.train.profile;
