package nexus.monitoring.api.spi;

/** Placeholder until the contract is written. */
public interface AlertGateway {}
