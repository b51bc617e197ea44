/** Energy, FLOPs and time turned into CO2 and US dollars with catalog figures, as ranges. */
package robustperf.records.cost;
