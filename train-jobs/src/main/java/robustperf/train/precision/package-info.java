/** FP16 training support: dynamic loss scaling with FP32 master weights (see robustperf.train.model.Network). */
package robustperf.train.precision;
