/** What a person opens: the index page over the output tables. Text from data is always escaped. */
package robustperf.analysis.report;
