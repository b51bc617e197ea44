/** Learning-rate schedules: piecewise, cosine, one-cycle. */
package robustperf.train.schedule;
