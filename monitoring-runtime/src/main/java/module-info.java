/**
 * The Nexus Monitoring host: loads plugins into their own module layers, binds their types with
 * Guice, runs health checks, serves HTTP and the command line.
 */
module nexus.monitoring.runtime {
  requires nexus.monitoring.api;
  requires com.google.guice;
  // Guice is an automatic module and declares no requires; its Guava must be resolved for it.
  requires com.google.common;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.eclipse.jetty.server;
  requires info.picocli;
  // HdrHistogram has no module name of its own; this is the name derived from its jar.
  requires HdrHistogram;
  requires org.slf4j;
  // Only the secret-masking log converters use Logback; they load when logback.xml names them.
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;
  requires java.management;

  exports nexus.monitoring.runtime;
  exports nexus.monitoring.runtime.config;
  exports nexus.monitoring.runtime.health;
  exports nexus.monitoring.runtime.http;
  exports nexus.monitoring.runtime.metrics;
  exports nexus.monitoring.runtime.plugin;
  exports nexus.monitoring.runtime.telemetry;
  exports nexus.monitoring.runtime.query;
  exports nexus.monitoring.runtime.retention;
  exports nexus.monitoring.runtime.ingest;
  exports nexus.monitoring.runtime.logging;

  opens nexus.monitoring.runtime.cli to
      info.picocli;
  opens nexus.monitoring.runtime to
      com.google.guice;
  opens nexus.monitoring.runtime.metrics to
      com.google.guice;
  opens nexus.monitoring.runtime.plugin to
      com.google.guice;

  uses nexus.monitoring.api.spi.MonitoringPlugin;
}
