/** How RobustPerf configures a Spark session: loopback, no UI, small shuffles. */
package robustperf.ingest.session;
